<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="kk_KZ">
  <context>
    <name>ConflictDialog</name>
    <message>
      <source>corners: {n}</source>
      <translation>бұрыштар: {n}</translation>
    </message>
    <message>
      <source>the feature is kept</source>
      <translation>нысан сақталады</translation>
    </message>
    <message>
      <source>deleted</source>
      <translation>жойылған</translation>
    </message>
    <message>
      <source>Theirs</source>
      <translation>Сервердегі</translation>
    </message>
    <message>
      <source>Mine</source>
      <translation>Менікі</translation>
    </message>
    <message>
      <source>Sync conflict — {layer}</source>
      <translation>Синхрондау қайшылығы — {layer}</translation>
    </message>
    <message>
      <source>{author} changed this feature at {when} while it was changed on the server. Choose the values to keep; the choice is sent to the server and every device gets it.</source>
      <translation>{author} бұл нысанды {when} кезінде өзгертті, ал сол уақытта ол серверде де өзгерген. Сақталатын мәндерді таңдаңыз: таңдауыңыз серверге жіберіледі және оны барлық құрылғылар алады.</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Өріс</translation>
    </message>
    <message>
      <source>Base</source>
      <translation>Бастапқы</translation>
    </message>
    <message>
      <source>Theirs (server)</source>
      <translation>Сервердегі</translation>
    </message>
    <message>
      <source>Mine ({author})</source>
      <translation>Менікі ({author})</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>Нәтиже</translation>
    </message>
    <message>
      <source>Whole feature</source>
      <translation>Бүкіл нысан</translation>
    </message>
    <message>
      <source>Geometry</source>
      <translation>Геометрия</translation>
    </message>
    <message>
      <source>Keep &amp;mine</source>
      <translation>&amp;Менікін қалдыру</translation>
    </message>
    <message>
      <source>Keep &amp;theirs</source>
      <translation>&amp;Сервердегіні қалдыру</translation>
    </message>
    <message>
      <source>&amp;Save edited values</source>
      <translation>Түзетілгенді &amp;сақтау</translation>
    </message>
    <message>
      <source>&amp;Edit…</source>
      <translation>&amp;Түзету…</translation>
    </message>
    <message>
      <source>Type the values to keep in the Result column</source>
      <translation>Сақталатын мәндерді «Нәтиже» бағанына жазыңыз</translation>
    </message>
  </context>
  <context>
    <name>ConflictsPanel</name>
    <message>
      <source>whole feature</source>
      <translation>бүкіл нысан</translation>
    </message>
    <message>
      <source>resolved ({how})</source>
      <translation>шешілді ({how})</translation>
    </message>
    <message>
      <source>mine kept</source>
      <translation>менікі қалды</translation>
    </message>
    <message>
      <source>theirs kept</source>
      <translation>сервердегі қалды</translation>
    </message>
    <message>
      <source>edited</source>
      <translation>түзетілді</translation>
    </message>
    <message numerus="yes">
      <source>%n open conflict(s). Double-click one to settle it.</source>
      <translation>
        <numerusform>%n шешілмеген қайшылық. Шешу үшін екі рет басыңыз.</numerusform>
        <numerusform>%n шешілмеген қайшылық. Шешу үшін екі рет басыңыз.</numerusform>
      </translation>
    </message>
    <message>
      <source>No open conflicts.</source>
      <translation>Шешілмеген қайшылық жоқ.</translation>
    </message>
    <message>
      <source>Layer</source>
      <translation>Қабат</translation>
    </message>
    <message>
      <source>Feature</source>
      <translation>Нысан</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Өріс</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>Кім</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Қашан</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Күйі</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>Себебі</translation>
    </message>
    <message>
      <source>Edits the server refused (they stay on this computer until you change them again):</source>
      <translation>Сервер қабылдамаған түзетулер (қайта өзгерткенше осы компьютерде қалады):</translation>
    </message>
    <message>
      <source>Show resolved</source>
      <translation>Шешілгендерді көрсету</translation>
    </message>
    <message>
      <source>&amp;Resolve…</source>
      <translation>&amp;Шешу…</translation>
    </message>
    <message>
      <source>&amp;Zoom to</source>
      <translation>&amp;Жақындату</translation>
    </message>
  </context>
  <context>
    <name>ConnectDialog</name>
    <message>
      <source>Fill in the server address, your user name and your password.</source>
      <translation>Сервер мекенжайын, пайдаланушы атыңызды және құпиясөзіңізді енгізіңіз.</translation>
    </message>
    <message>
      <source>Signing in…</source>
      <translation>Кіру…</translation>
    </message>
    <message>
      <source>Wait until the sync that is running has finished.</source>
      <translation>Жүріп жатқан синхрондау аяқталғанша күтіңіз.</translation>
    </message>
    <message>
      <source>Signed in.</source>
      <translation>Кірдіңіз.</translation>
    </message>
    <message>
      <source>Cannot reach the server: check the address and the connection.</source>
      <translation>Серверге қосылу мүмкін емес: мекенжай мен байланысты тексеріңіз.</translation>
    </message>
    <message>
      <source>Not signed in. Your edits stay on this computer until you sign in and sync.</source>
      <translation>Кірмегенсіз. Кіріп, синхрондағанша түзетулеріңіз осы компьютерде сақталады.</translation>
    </message>
    <message>
      <source>all branches</source>
      <translation>барлық филиалдар</translation>
    </message>
    <message>
      <source>Signed in to {server} as {user}: {role}, {branch}.</source>
      <translation>{server} серверіне {user} ретінде кірдіңіз: {role}, {branch}.</translation>
    </message>
    <message>
      <source>Connect to server</source>
      <translation>Серверге қосылу</translation>
    </message>
    <message>
      <source>&amp;Server:</source>
      <translation>&amp;Сервер:</translation>
    </message>
    <message>
      <source>&amp;User name:</source>
      <translation>&amp;Пайдаланушы аты:</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Құпиясөз:</translation>
    </message>
    <message>
      <source>Sign &amp;in</source>
      <translation>&amp;Кіру</translation>
    </message>
    <message>
      <source>Sign &amp;out</source>
      <translation>&amp;Шығу</translation>
    </message>
    <message>
      <source>viewer</source>
      <translation>қараушы</translation>
    </message>
    <message>
      <source>reporter</source>
      <translation>хабарлаушы</translation>
    </message>
    <message>
      <source>editor</source>
      <translation>редактор</translation>
    </message>
    <message>
      <source>coordinator</source>
      <translation>үйлестіруші</translation>
    </message>
    <message>
      <source>administrator</source>
      <translation>әкімші</translation>
    </message>
  </context>
  <context>
    <name>EditCommand</name>
    <message>
      <source>Resolve conflict in {layer}</source>
      <translation>{layer}: қайшылықты шешу</translation>
    </message>
  </context>
  <context>
    <name>HistoryPanel</name>
    <message>
      <source>deleted</source>
      <translation>жойылған</translation>
    </message>
    <message>
      <source>created</source>
      <translation>құрылды</translation>
    </message>
    <message numerus="yes">
      <source>%n field(s) changed</source>
      <translation>
        <numerusform>%n өріс өзгерді</numerusform>
        <numerusform>%n өріс өзгерді</numerusform>
      </translation>
    </message>
    <message>
      <source>Revision {rev}</source>
      <translation>{rev}-нұсқа</translation>
    </message>
    <message>
      <source>Geometry</source>
      <translation>Геометрия</translation>
    </message>
    <message>
      <source>{old} → {new}</source>
      <translation>{old} → {new}</translation>
    </message>
    <message>
      <source>Revision</source>
      <translation>Нұсқа</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>Кім</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Қашан</translation>
    </message>
    <message>
      <source>What changed</source>
      <translation>Не өзгерді</translation>
    </message>
    <message>
      <source>&amp;Reload</source>
      <translation>&amp;Жаңарту</translation>
    </message>
    <message>
      <source>Select a feature to see its history.</source>
      <translation>Тарихын көру үшін нысанды таңдаңыз.</translation>
    </message>
    <message>
      <source>Reading the history from the server…</source>
      <translation>Тарих серверден оқылуда…</translation>
    </message>
    <message numerus="yes">
      <source>{layer}: %n revision(s) on the server</source>
      <translation>
        <numerusform>{layer}: серверде %n нұсқа</numerusform>
        <numerusform>{layer}: серверде %n нұсқа</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ReviewPanel</name>
    <message>
      <source>verified</source>
      <translation>тексерілді</translation>
    </message>
    <message>
      <source>rejected</source>
      <translation>қайтарылды</translation>
    </message>
    <message>
      <source>Reject the report</source>
      <translation>Хабарламаны қайтару</translation>
    </message>
    <message>
      <source>Why? The reporter reads this after their next sync:</source>
      <translation>Себебі? Хабарлаушы мұны келесі синхрондаудан кейін оқиды:</translation>
    </message>
    <message>
      <source>Changed since:</source>
      <translation>Осы күннен бері өзгерген:</translation>
    </message>
    <message>
      <source>Sign in to review your branch.</source>
      <translation>Филиалыңызды тексеру үшін кіріңіз.</translation>
    </message>
    <message>
      <source>Only coordinators review reports. Reports of yours that were sent back are listed below.</source>
      <translation>Хабарламаларды тек үйлестірушілер тексереді. Сізге қайтарылған хабарламалар төменде.</translation>
    </message>
    <message numerus="yes">
      <source>%n feature(s) created or changed by others.</source>
      <translation>
        <numerusform>Басқалар құрған не өзгерткен %n нысан.</numerusform>
        <numerusform>Басқалар құрған не өзгерткен %n нысан.</numerusform>
      </translation>
    </message>
    <message>
      <source>Layer</source>
      <translation>Қабат</translation>
    </message>
    <message>
      <source>Feature</source>
      <translation>Нысан</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>Кім</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Қашан</translation>
    </message>
    <message>
      <source>Review</source>
      <translation>Тексеру</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Себебі</translation>
    </message>
    <message>
      <source>Returned to you: look at these reports again</source>
      <translation>Сізге қайтарылды: бұл хабарламаларды қайта қараңыз</translation>
    </message>
    <message>
      <source>&amp;Zoom to</source>
      <translation>&amp;Жақындату</translation>
    </message>
    <message>
      <source>Mark &amp;verified</source>
      <translation>&amp;Тексерілді деп белгілеу</translation>
    </message>
    <message>
      <source>Re&amp;ject…</source>
      <translation>&amp;Қайтару…</translation>
    </message>
  </context>
  <context>
    <name>SyncActions</name>
    <message>
      <source>Sync finished: {sent} sent, {merged} merged, {received} received, {conflicts} conflicts.</source>
      <translation>Синхрондау аяқталды: жіберілді {sent}, біріктірілді {merged}, алынды {received}, қайшылықтар {conflicts}.</translation>
    </message>
    <message numerus="yes">
      <source>%n conflict(s) to settle: see the Conflicts panel.</source>
      <translation>
        <numerusform>Шешілуі керек %n қайшылық бар: «Қайшылықтар» тақтасын қараңыз.</numerusform>
        <numerusform>Шешілуі керек %n қайшылық бар: «Қайшылықтар» тақтасын қараңыз.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>The server refused %n edit(s): see the Conflicts panel.</source>
      <translation>
        <numerusform>Сервер %n түзетуді қабылдамады: «Қайшылықтар» тақтасын қараңыз.</numerusform>
        <numerusform>Сервер %n түзетуді қабылдамады: «Қайшылықтар» тақтасын қараңыз.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n edit(s) wait for the next sync.</source>
      <translation>
        <numerusform>%n түзету келесі синхрондауды күтуде.</numerusform>
        <numerusform>%n түзету келесі синхрондауды күтуде.</numerusform>
      </translation>
    </message>
    <message>
      <source>Sync cancelled: nothing was lost; your edits go with the next sync.</source>
      <translation>Синхрондау тоқтатылды: ештеңе жоғалған жоқ, түзетулеріңіз келесі синхрондаумен кетеді.</translation>
    </message>
    <message>
      <source>Never synced</source>
      <translation>Әлі синхрондалмаған</translation>
    </message>
    <message>
      <source>Last sync: {when}</source>
      <translation>Соңғы синхрондау: {when}</translation>
    </message>
    <message>
      <source>Wait until the sync that is running has finished, then resolve.</source>
      <translation>Жүріп жатқан синхрондау аяқталғанша күтіп, содан кейін шешіңіз.</translation>
    </message>
    <message>
      <source>Sign in to a server to see the history.</source>
      <translation>Тарихты көру үшін серверге кіріңіз.</translation>
    </message>
    <message>
      <source>A sync is running: reload when it has finished.</source>
      <translation>Синхрондау жүріп жатыр: аяқталған соң жаңартыңыз.</translation>
    </message>
    <message>
      <source>&amp;Sync</source>
      <translation>&amp;Синхрондау</translation>
    </message>
    <message>
      <source>&amp;Automatic sync</source>
      <translation>&amp;Автоматты синхрондау</translation>
    </message>
    <message>
      <source>&amp;Connect to server…</source>
      <translation>Серверге &amp;қосылу…</translation>
    </message>
    <message>
      <source>Sign in to a Baytak server</source>
      <translation>Baytak серверіне кіру</translation>
    </message>
    <message>
      <source>Sync &amp;now</source>
      <translation>&amp;Қазір синхрондау</translation>
    </message>
    <message>
      <source>Send your edits and get everyone else's</source>
      <translation>Өз түзетулеріңізді жіберіп, басқалардікін алу</translation>
    </message>
    <message>
      <source>Sign &amp;out</source>
      <translation>&amp;Шығу</translation>
    </message>
    <message>
      <source>Forget this computer's sign-in</source>
      <translation>Осы компьютердегі кіруді ұмыту</translation>
    </message>
    <message numerus="yes">
      <source>Every %n minute(s)</source>
      <translation>
        <numerusform>Әр %n минут сайын</numerusform>
        <numerusform>Әр %n минут сайын</numerusform>
      </translation>
    </message>
    <message>
      <source>Off</source>
      <translation>Өшірулі</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>Қайшылықтар</translation>
    </message>
    <message>
      <source>Branch review</source>
      <translation>Филиалды тексеру</translation>
    </message>
    <message>
      <source>Change history</source>
      <translation>Өзгерістер тарихы</translation>
    </message>
  </context>
  <context>
    <name>SyncProgress</name>
    <message>
      <source>Signing in…</source>
      <translation>Кіру…</translation>
    </message>
    <message>
      <source>Syncing…</source>
      <translation>Синхрондау…</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Тоқтатылуда…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Болдырмау</translation>
    </message>
    <message>
      <source>Stop the sync; nothing is lost, the rest goes next time</source>
      <translation>Синхрондауды тоқтату; ештеңе жоғалмайды, қалғаны келесі жолы кетеді</translation>
    </message>
  </context>
  <context>
    <name>SyncTexts</name>
    <message>
      <source>Preparing your edits…</source>
      <translation>Түзетулеріңіз дайындалуда…</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) to send</source>
      <translation>
        <numerusform>Жіберілетін %n өзгеріс</numerusform>
        <numerusform>Жіберілетін %n өзгеріс</numerusform>
      </translation>
    </message>
    <message>
      <source>Sending photo {i} of {n}…</source>
      <translation>{n} фотоның {i}-і жіберілуде…</translation>
    </message>
    <message numerus="yes">
      <source>Sending %n change(s)…</source>
      <translation>
        <numerusform>%n өзгеріс жіберілуде…</numerusform>
        <numerusform>%n өзгеріс жіберілуде…</numerusform>
      </translation>
    </message>
    <message>
      <source>Sent; reading the server's answer…</source>
      <translation>Жіберілді; сервердің жауабы оқылуда…</translation>
    </message>
    <message>
      <source>Receiving changes (revision {rev})…</source>
      <translation>Өзгерістер алынуда ({rev}-нұсқа)…</translation>
    </message>
    <message>
      <source>Resolving the conflict…</source>
      <translation>Қайшылық шешілуде…</translation>
    </message>
    <message>
      <source>Contacting the server…</source>
      <translation>Серверге қосылуда…</translation>
    </message>
    <message>
      <source>Reading the history…</source>
      <translation>Тарих оқылуда…</translation>
    </message>
    <message>
      <source>Finished</source>
      <translation>Аяқталды</translation>
    </message>
    <message>
      <source>Syncing…</source>
      <translation>Синхрондау…</translation>
    </message>
    <message numerus="yes">
      <source>No connection: your %n edit(s) are safe on this computer and will be sent next time.</source>
      <translation>
        <numerusform>Байланыс жоқ: %n түзетуіңіз осы компьютерде сақтаулы, келесі жолы жіберіледі.</numerusform>
        <numerusform>Байланыс жоқ: %n түзетуіңіз осы компьютерде сақтаулы, келесі жолы жіберіледі.</numerusform>
      </translation>
    </message>
    <message>
      <source>This store is not signed in to a server: use Sync &gt; Connect to server…</source>
      <translation>Бұл қойма серверге кірмеген: «Синхрондау &gt; Серверге қосылу…» пәрменін қолданыңыз.</translation>
    </message>
    <message>
      <source>Your sign-in has expired or was revoked: sign in again. Your edits are safe on this computer.</source>
      <translation>Кіру мерзімі өтті немесе ол қайтарып алынды: қайта кіріңіз. Түзетулеріңіз осы компьютерде сақтаулы.</translation>
    </message>
    <message>
      <source>The server could not handle the request ({code}). Your edits are safe on this computer; try again later.</source>
      <translation>Сервер сұрауды өңдей алмады ({code}). Түзетулеріңіз осы компьютерде сақтаулы; кейінірек қайталаңыз.</translation>
    </message>
    <message>
      <source>Wrong user name or password.</source>
      <translation>Пайдаланушы аты немесе құпиясөз қате.</translation>
    </message>
    <message>
      <source>Too many failed sign-ins: wait a few minutes and try again.</source>
      <translation>Сәтсіз кіру әрекеттері тым көп: бірнеше минут күтіп, қайталаңыз.</translation>
    </message>
    <message>
      <source>This account is disabled: ask your coordinator.</source>
      <translation>Бұл тіркелгі өшірілген: үйлестірушіге хабарласыңыз.</translation>
    </message>
  </context>
</TS>