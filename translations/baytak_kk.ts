<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Baytak</source>
        <translation>Baytak туралы</translation>
    </message>
    <message>
        <source>Version {app} · Qt {qt} · PySide6 {pyside} · GDAL {gdal}</source>
        <translation>Нұсқасы {app} · Qt {qt} · PySide6 {pyside} · GDAL {gdal}</translation>
    </message>
    <message>
        <source>An offline-first desktop GIS for the Baytak green party of Kazakhstan.</source>
        <translation>Қазақстанның «Байтақ» жасылдар партиясына арналған, желісіз жұмыс істейтін жұмыс үстелі ГАЖ-ы.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Деректер</translation>
    </message>
    <message>
        <source>Free vector and raster map data @ naturalearthdata.com (public domain).</source>
        <translation>naturalearthdata.com сайтының тегін векторлық және растрлық карта деректері (қоғамдық игілік).</translation>
    </message>
    <message>
        <source>Demo sites are illustrative: their positions and figures are approximate.</source>
        <translation>Демо нысандар тек мысал үшін: олардың орны мен көрсеткіштері шамамен алынған.</translation>
    </message>
    <message>
        <source>Licence: GNU General Public License, version 3 or later.</source>
        <translation>Лицензия: GNU General Public License, 3-нұсқасы немесе одан кейінгісі.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>This file cannot be opened</source>
        <translation>Бұл файлды ашу мүмкін емес</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Any field</source>
        <translation>Кез келген өріс</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Жүктелуде…</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(бос)</translation>
    </message>
    <message>
        <source>Not a value of this field: {reason}</source>
        <translation>Бұл өрістің мәні емес: {reason}</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Жаңартылуда…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n feature(s)</source>
        <translation>
            <numerusform>%1 / %n нысан</numerusform>
            <numerusform>%1 / %n нысан</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n нысан</numerusform>
            <numerusform>%n нысан</numerusform>
        </translation>
    </message>
    <message>
        <source>The table could not be read: {message}</source>
        <translation>Кестені оқу мүмкін болмады: {message}</translation>
    </message>
    <message>
        <source>Search names, notes, statuses…</source>
        <translation>Атаулар, ескертпелер, мәртебелер бойынша іздеу…</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Қабат</translation>
    </message>
    <message>
        <source>Filter by the value of a field</source>
        <translation>Өріс мәні бойынша сүзу</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Мәні</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>Таңдалғанға жақындату</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>Таңдауды тазарту</translation>
    </message>
</context>
<context>
    <name>AttributeTableModel</name>
    <message>
        <source>Edited, not yet synced</source>
        <translation>Өзгертілген, әлі синхрондалмаған</translation>
    </message>
</context>
<context>
    <name>AveragingDialog</name>
    <message>
        <source>{count} of {target}</source>
        <translation>{target} ішінен {count}</translation>
    </message>
    <message>
        <source>{metres} m</source>
        <translation>{metres} м</translation>
    </message>
    <message>
        <source>±{metres} m</source>
        <translation>±{metres} м</translation>
    </message>
    <message>
        <source>Averaging the position</source>
        <translation>Орынды орташалау</translation>
    </message>
    <message>
        <source>Stand still on the site. The position is the mean of the fixes; the spread says how steady they were.</source>
        <translation>Нысанның үстінде қозғалмай тұрыңыз. Орын — өлшемдердің орташасы; шашырау олардың қаншалықты тұрақты болғанын көрсетеді.</translation>
    </message>
    <message>
        <source>Average:</source>
        <translation>Орташалау:</translation>
    </message>
    <message>
        <source>fixes</source>
        <translation>өлшем</translation>
    </message>
    <message>
        <source>Fixes taken:</source>
        <translation>Алынған өлшемдер:</translation>
    </message>
    <message>
        <source>Spread (2DRMS):</source>
        <translation>Шашырау (2DRMS):</translation>
    </message>
    <message>
        <source>Receiver&apos;s error:</source>
        <translation>Қабылдағыш қателігі:</translation>
    </message>
    <message>
        <source>Use them now</source>
        <translation>Қазір қолдану</translation>
    </message>
</context>
<context>
    <name>CategoryTable</name>
    <message>
        <source>Colour</source>
        <translation>Түсі</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Мәні</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Белгі</translation>
    </message>
    <message>
        <source>Line colour</source>
        <translation>Сызық түсі</translation>
    </message>
    <message>
        <source>Width, px</source>
        <translation>Қалыңдығы, пикс.</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Түрі</translation>
    </message>
</context>
<context>
    <name>ChartsDock</name>
    <message>
        <source>Charts</source>
        <translation>Диаграммалар</translation>
    </message>
    <message>
        <source>Aral and Caspian water area by year</source>
        <translation>Арал мен Каспийдің су ауданы, жылдар бойынша</translation>
    </message>
    <message>
        <source>Trees planted per month</source>
        <translation>Айына отырғызылған ағаштар</translation>
    </message>
    <message>
        <source>Sites by status</source>
        <translation>Нысандар мәртебесі бойынша</translation>
    </message>
    <message>
        <source>Per branch</source>
        <translation>Филиалдар бойынша</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Экспорттау…</translation>
    </message>
    <message>
        <source>Save the chart as PNG or SVG</source>
        <translation>Диаграмманы PNG не SVG ретінде сақтау</translation>
    </message>
    <message>
        <source>Change since the first year, %</source>
        <translation>Алғашқы жылдан бергі өзгеріс, %</translation>
    </message>
    <message>
        <source>{name}: {first} → {last} km² ({year0}–{year1})</source>
        <translation>{name}: {first} → {last} км² ({year0}–{year1})</translation>
    </message>
    <message>
        <source>{name}: {first} km² ({year0})</source>
        <translation>{name}: {first} км² ({year0})</translation>
    </message>
    <message>
        <source>Aral and Caspian water area</source>
        <translation>Арал мен Каспийдің су айдыны</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Жыл</translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation>Жиынтық</translation>
    </message>
    <message>
        <source>Trees planted</source>
        <translation>Отырғызылған ағаштар</translation>
    </message>
    <message>
        <source>Trees planted per month (bars) and in total (line)</source>
        <translation>Айына (бағандар) және барлығы (сызық) отырғызылған ағаштар</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Нысандар</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Диаграмманы экспорттау</translation>
    </message>
    <message>
        <source>Images (*.png *.svg)</source>
        <translation>Суреттер (*.png *.svg)</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Choose a colour</source>
        <translation>Түсті таңдаңыз</translation>
    </message>
    <message>
        <source>Click to choose a colour</source>
        <translation>Түсті таңдау үшін басыңыз</translation>
    </message>
</context>
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
    <name>CoordinateDialog</name>
    <message>
        <source>&quot;{text}&quot; can be read in more than one way: write it as &quot;latitude, longitude&quot;</source>
        <translation>«{text}» бірнеше түрлі оқылады: «ендік, бойлық» түрінде жазыңыз</translation>
    </message>
    <message>
        <source>{reason}; a position needs a latitude and a longitude</source>
        <translation>{reason}; орынға ендік пен бойлық керек</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is one number; a position needs a latitude and a longitude</source>
        <translation>«{text}» — бір ғана сан; орынға ендік пен бойлық керек</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a latitude and a longitude</source>
        <translation>«{text}» — ендік пен бойлық емес</translation>
    </message>
    <message>
        <source>{file} has no waypoints.</source>
        <translation>{file} файлында бағдар нүктелері жоқ.</translation>
    </message>
    <message>
        <source>Waypoints from a GPX file</source>
        <translation>GPX файлындағы бағдар нүктелері</translation>
    </message>
    <message>
        <source>GPX files (*.gpx)</source>
        <translation>GPX файлдары (*.gpx)</translation>
    </message>
    <message>
        <source>Not a position: {reason}</source>
        <translation>Бұл орын емес: {reason}</translation>
    </message>
    <message>
        <source>Latitude {lat_dms} ({lat}), longitude {lon_dms} ({lon})</source>
        <translation>Ендік {lat_dms} ({lat}), бойлық {lon_dms} ({lon})</translation>
    </message>
    <message>
        <source>Add a point by its coordinates</source>
        <translation>Нүктені координаталары бойынша қосу</translation>
    </message>
    <message>
        <source>Type or paste a position: latitude and longitude, in decimal degrees (43.8712, 77.0702) or degrees, minutes, seconds (43°52&apos;16&quot;N 77°04&apos;13&quot;E).</source>
        <translation>Орынды теріңіз немесе қойыңыз: ендік пен бойлық, ондық градуспен (43.8712, 77.0702) немесе градус, минут, секундпен (43°52&apos;16&quot;N 77°04&apos;13&quot;E).</translation>
    </message>
    <message>
        <source>latitude, longitude</source>
        <translation>ендік, бойлық</translation>
    </message>
    <message>
        <source>From a GPX file…</source>
        <translation>GPX файлынан…</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Baytak: unexpected problem</source>
        <translation>Baytak: күтпеген ақау</translation>
    </message>
    <message>
        <source>Something went wrong in Baytak. Your data is safe: a change is saved whole or not at all, so if your last change is missing, please make it again. You can go on working.</source>
        <translation>Baytak жұмысында бірдеңе дұрыс болмады. Деректеріңіз аман: әр өзгеріс не толық сақталады, не мүлде сақталмайды, сондықтан соңғы өзгерісіңіз жоқ болса, оны қайта енгізіңіз. Жұмысты жалғастыра беруге болады.</translation>
    </message>
    <message>
        <source>A report was saved (it contains no passwords); please send it to your coordinator:
{path}</source>
        <translation>Есеп сақталды (онда құпиясөздер жоқ); оны үйлестірушіңізге жіберіңіз:
{path}</translation>
    </message>
    <message>
        <source>The report could not be saved: the disk may be full.</source>
        <translation>Есепті сақтау мүмкін болмады: диск толып қалған болуы мүмкін.</translation>
    </message>
    <message>
        <source>Open the reports folder</source>
        <translation>Есептер қалтасын ашу</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Толығырақ</translation>
    </message>
</context>
<context>
    <name>DashCombo</name>
    <message>
        <source>Solid</source>
        <translation>Тұтас</translation>
    </message>
    <message>
        <source>Dashed</source>
        <translation>Үзік сызық</translation>
    </message>
    <message>
        <source>Dotted</source>
        <translation>Нүктелі</translation>
    </message>
    <message>
        <source>Dash and dot</source>
        <translation>Сызықша мен нүкте</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>e.g. {date} or {iso}</source>
        <translation>мысалы, {date} немесе {iso}</translation>
    </message>
    <message>
        <source>Choose in a calendar</source>
        <translation>Күнтізбеден таңдау</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>Күнді тазарту</translation>
    </message>
</context>
<context>
    <name>DemoRefusal</name>
    <message>
        <source>This is the demo store: its sites are illustrative and never go to a server, so it cannot sign in or sync. Create the store of your branch, then connect that one.</source>
        <translation>Бұл — демо қойма: ондағы нысандар тек мысал үшін және серверге ешқашан жіберілмейді, сондықтан ол серверге қосылмайды және синхрондалмайды. Филиалыңыздың қоймасын жасап, серверге соны қосыңыз.</translation>
    </message>
    <message>
        <source>The demo store does not sync</source>
        <translation>Демо қойма синхрондалмайды</translation>
    </message>
    <message>
        <source>Create my branch&apos;s store…</source>
        <translation>Филиалымның қоймасын жасау…</translation>
    </message>
</context>
<context>
    <name>DomainMessages</name>
    <message>
        <source>--extent takes four numbers west,south,east,north, not {text!r}.</source>
        <translation>--extent төрт сан алады: батыс,оңтүстік,шығыс,солтүстік; {text!r} емес.</translation>
    </message>
    <message>
        <source>--extent takes west,south,east,north in degrees (west &lt; east, south &lt; north), not {text!r}.</source>
        <translation>--extent батыс,оңтүстік,шығыс,солтүстік мәндерін градуспен алады (батыс &lt; шығыс, оңтүстік &lt; солтүстік); {text!r} емес.</translation>
    </message>
    <message>
        <source>--extent takes west,south,east,north in degrees, not {text!r}.</source>
        <translation>--extent батыс,оңтүстік,шығыс,солтүстік мәндерін градуспен алады; {text!r} емес.</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; has curves (arcs), which baytak cannot store: convert them to straight segments</source>
        <translation>&quot;{value}&quot; ішінде қисықтар (доғалар) бар, baytak оларды сақтай алмайды: оларды түзу кесінділерге айналдырыңыз</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; can be read as more than one place: separate latitude and longitude with &quot;, &quot; or &quot;;&quot;</source>
        <translation>«{value}» бірнеше түрлі орын болып оқылуы мүмкін: ендік пен бойлықты «, » немесе «;» белгісімен бөліңіз</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; gives latitude {lat:g} and longitude {lon:g}, which is no place on Earth</source>
        <translation>«{value}» ендігі {lat:g}, бойлығы {lon:g} береді — Жер бетінде ондай орын жоқ</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is a kind of geometry baytak cannot store (a point, line or polygon is needed)</source>
        <translation>&quot;{value}&quot; — baytak сақтай алмайтын геометрия түрі (нүкте, сызық немесе көпбұрыш керек)</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is a link from a site whose coordinate order baytak does not know: copy the coordinates themselves (latitude, longitude)</source>
        <translation>«{value}» — baytak координаталар ретін білмейтін сайттың сілтемесі: координаталардың өзін көшіріңіз (ендік, бойлық)</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is a link without coordinates in it (a short link or a search): open it and copy the coordinates (latitude, longitude)</source>
        <translation>«{value}» — ішінде координаталары жоқ сілтеме (қысқа сілтеме немесе іздеу): оны ашып, координаталарды көшіріңіз (ендік, бойлық)</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a WKT geometry (like POINT (77.07 43.87) or POLYGON ((...)))</source>
        <translation>&quot;{value}&quot; WKT геометриясы емес (мысалы, POINT (77.07 43.87) немесе POLYGON ((...)))</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; has no coordinates that can be read: copy them as &quot;latitude, longitude&quot; (43.2389, 76.8897)</source>
        <translation>«{value}» ішінде оқуға болатын координаталар жоқ: оларды «ендік, бойлық» түрінде көшіріңіз (43.2389, 76.8897)</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has a hemisphere both before and after the number: keep one</source>
        <translation>«{text}» санның алдында да, артында да жарты шарды көрсетеді: біреуін қалдырыңыз</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has both a minus sign and a hemisphere letter: keep one</source>
        <translation>«{text}» ішінде минус белгісі де, жарты шар әрпі де бар: біреуін қалдырыңыз</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has minutes {number:g}: minutes must be less than 60</source>
        <translation>«{text}» ішінде минут {number:g}: минут 60-тан аз болуы керек</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has seconds {number:g}: seconds must be less than 60</source>
        <translation>«{text}» ішінде секунд {number:g}: секунд 60-тан аз болуы керек</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has {unit} where {expected} belongs: write decimal degrees (43.87) or degrees, minutes, seconds (43°52&apos;12&quot;N)</source>
        <translation>«{text}» ішінде {expected} тұруы керек жерде {unit} тұр: ондық градустармен (43.87) немесе градус, минут, секундпен (43°52&apos;12&quot;N) жазыңыз</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is a latitude, but a longitude was expected: are the columns swapped?</source>
        <translation>«{text}» — ендік, ал бойлық күтілген: бағандар ауысып кеткен жоқ па?</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is a longitude, but a latitude was expected: are the columns swapped?</source>
        <translation>«{text}» — бойлық, ал ендік күтілген: бағандар ауысып кеткен жоқ па?</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a coordinate: write decimal degrees (43.87) or degrees, minutes, seconds (43°52&apos;12&quot;N)</source>
        <translation>«{text}» координата емес: ондық градустармен (43.87) немесе градус, минут, секундпен (43°52&apos;12&quot;N) жазыңыз</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a coordinate: write decimal degrees (43.87) or degrees, minutes, seconds (43°52&apos;12&quot;N); the hemisphere must be N, S, E or W</source>
        <translation>«{text}» координата емес: ондық градустармен (43.87) немесе градус, минут, секундпен (43°52&apos;12&quot;N) жазыңыз; жарты шар N, S, E немесе W (не с.е., о.е., ш.б., б.б.) болуы керек</translation>
    </message>
    <message>
        <source>&quot;{text}&quot;: only the last part (degrees, minutes or seconds) may have decimals</source>
        <translation>«{text}»: ондық бөлшек тек соңғы бөлікте (градус, минут не секунд) болуы мүмкін</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is in the coordinate system SRID {srid}, which is not a known EPSG code: export it in longitude/latitude (EPSG:4326)</source>
        <translation>&quot;{value}&quot; SRID {srid} координаттар жүйесінде, ол белгілі EPSG коды емес: оны бойлық/ендік (EPSG:4326) түрінде экспорттаңыз</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a pair of coordinates: write &quot;latitude, longitude&quot; (43.2389, 76.8897) or paste the maps link with the coordinates in it</source>
        <translation>«{value}» — координаталар жұбы емес: «ендік, бойлық» түрінде жазыңыз (43.2389, 76.8897) немесе координаталары бар карта сілтемесін қойыңыз</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; read as latitude, longitude is far outside Kazakhstan, but would be inside it the other way round: write the latitude first</source>
        <translation>«{value}» ендік, бойлық ретінде оқылса, Қазақстаннан әлдеқайда тыс, ал кері ретпен оның ішінде: ендікті бірінші жазыңыз</translation>
    </message>
    <message>
        <source>(and {count} more)</source>
        <translation>(және тағы {count})</translation>
    </message>
    <message>
        <source>(missing on this device)</source>
        <translation>(бұл құрылғыда жоқ)</translation>
    </message>
    <message>
        <source>(missing on this device: copy it there or add it again)</source>
        <translation>(бұл құрылғыда жоқ: файлды осында көшіріңіз немесе қайта қосыңыз)</translation>
    </message>
    <message>
        <source>--map-field COLUMN=FIELD takes a field from a column, --set FIELD=VALUE gives one value</source>
        <translation>--map-field COLUMN=FIELD өрісті бағаннан алады, --set FIELD=VALUE бір мән береді</translation>
    </message>
    <message>
        <source>--map-field {src}={dst}: layer {layer} has no field {dst}. Fields: {fields}.</source>
        <translation>--map-field {src}={dst}: {layer} қабатында {dst} өрісі жоқ. Өрістер: {fields}.</translation>
    </message>
    <message>
        <source>--map-field {src}={dst}: {file} has no column {src}. Columns: {columns}.</source>
        <translation>--map-field {src}={dst}: {file} файлында {src} бағаны жоқ. Бағандар: {columns}.</translation>
    </message>
    <message>
        <source>--set takes FIELD=VALUE, not {text!r}.</source>
        <translation>--set ӨРІС=МӘН түрінде беріледі; {text!r} емес.</translation>
    </message>
    <message>
        <source>--source-layer NAME reads one of them</source>
        <translation>--source-layer NAME олардың бірін оқиды</translation>
    </message>
    <message>
        <source>--tcp: the address to listen on (default 127.0.0.1)</source>
        <translation>--tcp: тыңдайтын адрес (әдепкісі 127.0.0.1)</translation>
    </message>
    <message>
        <source>--udp takes HOST:PORT, not {text}.</source>
        <translation>--udp ХОСТ:ПОРТ түрінде беріледі; {text} емес.</translation>
    </message>
    <message>
        <source>... and {count} more (--json lists them all)</source>
        <translation>... және тағы {count} (--json бәрін тізеді)</translation>
    </message>
    <message>
        <source>A GPS receiver from the command line: gpsd, a serial port, NMEA over TCP or UDP, a log.</source>
        <translation>Командалық жолдан GPS қабылдағыш: gpsd, сериялық порт, TCP не UDP арқылы NMEA, журнал.</translation>
    </message>
    <message>
        <source>A buffer needs a distance above 0, not {metres} m.</source>
        <translation>Буфер үшін 0-ден үлкен қашықтық керек, {metres} м емес.</translation>
    </message>
    <message>
        <source>A categorized style needs a field.</source>
        <translation>Санаттық стильге өріс керек.</translation>
    </message>
    <message>
        <source>A categorized style needs at least one category: press Classify.</source>
        <translation>Санаттық стильге кемінде бір санат керек: «Жіктеу» батырмасын басыңыз.</translation>
    </message>
    <message>
        <source>A chunk may have at most {limit} bytes; send smaller chunks.</source>
        <translation>Бір бөлік ең көбі {limit} байт бола алады; кішірек бөліктер жіберіңіз.</translation>
    </message>
    <message>
        <source>A geometry in the store cannot be read: {reason}</source>
        <translation>Қоймадағы геометрияны оқу мүмкін емес: {reason}</translation>
    </message>
    <message>
        <source>A photo gives a point; draw the outline of the {layer} feature instead.</source>
        <translation>Фотосурет тек нүкте береді; оның орнына {layer} нысанының контурын сызыңыз.</translation>
    </message>
    <message>
        <source>A replay speed is a number above 0 (1 = as recorded) or max, not {speed}.</source>
        <translation>Ойнату жылдамдығы — 0-ден үлкен сан (1 = жазылғандай) немесе max; {speed} емес.</translation>
    </message>
    <message>
        <source>A saved layer style cannot be read ({error}); the default style is used.</source>
        <translation>Сақталған қабат стилін оқу мүмкін емес ({error}); әдепкі стиль қолданылады.</translation>
    </message>
    <message>
        <source>A saved style names an unknown layer {layer}.</source>
        <translation>Сақталған стиль белгісіз {layer} қабатын атайды.</translation>
    </message>
    <message>
        <source>A user name cannot hold the character {code}, which nobody sees; remove it.</source>
        <translation>Пайдаланушы атында ешкім көрмейтін {code} таңбасы болмауы керек; оны алып тастаңыз.</translation>
    </message>
    <message>
        <source>A user name must have 1 to 200 characters.</source>
        <translation>Пайдаланушы атында 1-ден 200-ге дейін таңба болуы керек.</translation>
    </message>
    <message>
        <source>A whole-feature value is a JSON object of fields, or null to delete the feature.</source>
        <translation>Бүкіл нысанның мәні — өрістердің JSON нысаны, немесе нысанды жою үшін null.</translation>
    </message>
    <message>
        <source>A {page} PNG at {dpi} dpi would be {mp} million pixels: lower the dpi or export a PDF.</source>
        <translation>{dpi} dpi кезіндегі {page} PNG {mp} миллион пиксель болар еді: dpi мәнін азайтыңыз немесе PDF экспорттаңыз.</translation>
    </message>
    <message>
        <source>A {role} belongs to a branch: give --branch CODE.</source>
        <translation>{role} рөлі филиалға тиесілі: --branch CODE беріңіз.</translation>
    </message>
    <message>
        <source>Added {layer} {uuid} at {lat}, {lon}</source>
        <translation>{layer} қабатына {uuid} қосылды: {lat}, {lon}</translation>
    </message>
    <message>
        <source>Added {layer} {uuid} from {points} track points of {track}</source>
        <translation>{layer} қабатына {uuid} қосылды: {track} ішіндегі трек нүктелерінен (саны: {points})</translation>
    </message>
    <message>
        <source>Adding demo {layer}…</source>
        <translation>Демо деректер қосылуда: {layer}…</translation>
    </message>
    <message>
        <source>Again: </source>
        <translation>Тағы бір рет: </translation>
    </message>
    <message>
        <source>An extent is four numbers: west,south,east,north (degrees).</source>
        <translation>Аумақ төрт саннан тұрады: батыс,оңтүстік,шығыс,солтүстік (градус).</translation>
    </message>
    <message>
        <source>Another program has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or cancel the edits there (or close the file in it), then try again.</source>
        <translation>Басқа бағдарлама {path} файлын {seconds:.0f} с бойы ұстап тұр, сондықтан мұнда ештеңе өзгертілмеді. Ондағы өзгерістерді сақтаңыз не болдырмаңыз (немесе файлды онда жабыңыз), содан кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>Another program is writing to {path}, so it could not be read; nothing was changed. Let it finish (or close the file there), then try again.</source>
        <translation>{path} файлына басқа бағдарлама жазып жатыр, сондықтан оны оқу мүмкін болмады; ештеңе өзгертілмеді. Оның аяқталуын күтіңіз (немесе файлды сонда жабыңыз), содан кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>Attachment {sha256} has {size} bytes on the server, not {claimed}; send the size of the file uploaded.</source>
        <translation>Серверде {sha256} тіркемесі {claimed} емес, {size} байт; жүктелген файлдың өлшемін жіберіңіз.</translation>
    </message>
    <message>
        <source>Average at least 1 fix, not {target}.</source>
        <translation>Кемінде 1 GPS өлшемін орташалау керек; {target} емес.</translation>
    </message>
    <message>
        <source>Averaged {fixes} fixes: {lat}, {lon}</source>
        <translation>Орташаланған фикс саны: {fixes}; {lat}, {lon}</translation>
    </message>
    <message>
        <source>Basemap ready</source>
        <translation>Негізгі карта дайын</translation>
    </message>
    <message>
        <source>Baytak GIS: the local GeoPackage store from the command line.</source>
        <translation>Baytak ГАЖ: командалық жолдан жергілікті GeoPackage қоймасы.</translation>
    </message>
    <message>
        <source>Building overviews for fast zooming out…</source>
        <translation>Жылдам кішірейту үшін шолу деңгейлері құрылуда…</translation>
    </message>
    <message>
        <source>Building the spatial indexes…</source>
        <translation>Кеңістіктік индекстер құрылуда…</translation>
    </message>
    <message>
        <source>Built {path} from {extract} in {seconds} s: no features.</source>
        <translation>{extract} файлынан {path} {seconds} с ішінде құрылды: нысан жоқ.</translation>
    </message>
    <message>
        <source>Built {path} from {extract} in {seconds} s: {counts}.</source>
        <translation>{extract} файлынан {path} {seconds} с ішінде құрылды: {counts}.</translation>
    </message>
    <message>
        <source>CSV/DBF/XLSX/ODS: the column with the latitude (the same as --lon-column: one column with both)</source>
        <translation>CSV/DBF/XLSX/ODS: ендік бағаны (--lon-column-мен бірдей болса: екеуі бір бағанда)</translation>
    </message>
    <message>
        <source>CSV/DBF/XLSX/ODS: the column with the longitude (the same as --lat-column: one column with both)</source>
        <translation>CSV/DBF/XLSX/ODS: бойлық бағаны (--lat-column-мен бірдей болса: екеуі бір бағанда)</translation>
    </message>
    <message>
        <source>Categories need a text field; {field} is not one.</source>
        <translation>Санаттарға мәтіндік өріс керек; {field} мәтіндік өріс емес.</translation>
    </message>
    <message>
        <source>Changes to send: {count}</source>
        <translation>Жіберілетін өзгерістер: {count}</translation>
    </message>
    <message>
        <source>Changeset {id} was received before with other changes ({count}); give new changes a new changeset id.</source>
        <translation>{id} өзгерістер жинағы бұрын басқа өзгерістермен ({count}) қабылданған; жаңа өзгерістерге жаңа жинақ идентификаторын беріңіз.</translation>
    </message>
    <message>
        <source>Changeset {id} was sent by another account.</source>
        <translation>{id} өзгерістер жинағын басқа тіркелгі жіберген.</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Әр жол тексерілуде…</translation>
    </message>
    <message>
        <source>Checking the photos and writing the dossier…</source>
        <translation>Фотосуреттер тексеріліп, досье жазылуда…</translation>
    </message>
    <message>
        <source>Choose a GPS source: gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or a log file.</source>
        <translation>GPS көзін таңдаңыз: gpsd, serial:///dev/ttyUSB0, tcp://ХОСТ:ПОРТ, udp://:ПОРТ немесе журнал файлы.</translation>
    </message>
    <message>
        <source>Computing the SHA-256 of the file…</source>
        <translation>Файлдың SHA-256 мәні есептелуде…</translation>
    </message>
    <message>
        <source>Conflict {id} resolved</source>
        <translation>{id} қайшылығы шешілді</translation>
    </message>
    <message>
        <source>Conflict {id} resolved: kept mine ({value}).</source>
        <translation>{id} қайшылығы шешілді: менікі қалды ({value}).</translation>
    </message>
    <message>
        <source>Conflict {id} resolved: kept theirs ({value}).</source>
        <translation>{id} қайшылығы шешілді: олардікі қалды ({value}).</translation>
    </message>
    <message>
        <source>Conflict {id} was already resolved by {who} ({how}).</source>
        <translation>{id} қайшылығын {who} бұрын шешкен ({how}).</translation>
    </message>
    <message>
        <source>Conflict {id} was already resolved on the server; baytak sync {store} brings its outcome.</source>
        <translation>{id} қайшылығы серверде шешіліп қойған; нәтижесін baytak sync {store} әкеледі.</translation>
    </message>
    <message>
        <source>Content-Range {header!r} does not fit inside the file.</source>
        <translation>Content-Range {header!r} файлдың ішіне сыймайды.</translation>
    </message>
    <message>
        <source>Created {store}</source>
        <translation>{store} жасалды</translation>
    </message>
    <message>
        <source>Created {store} with demo data: {counts}</source>
        <translation>{store} демо деректермен жасалды: {counts}</translation>
    </message>
    <message>
        <source>Demo data ready</source>
        <translation>Демо деректер дайын</translation>
    </message>
    <message>
        <source>Distances measured</source>
        <translation>Қашықтықтар өлшенді</translation>
    </message>
    <message>
        <source>Drawing the map, its legend and scale bar…</source>
        <translation>Карта, шартты белгілер мен масштаб сызғышы салынуда…</translation>
    </message>
    <message>
        <source>Drawing the web map…</source>
        <translation>Веб-карта салынуда…</translation>
    </message>
    <message>
        <source>Each category needs a different text value.</source>
        <translation>Әр санаттың мәтіндік мәні әртүрлі болуы керек.</translation>
    </message>
    <message>
        <source>Exported {count} features of {layer} to {out}</source>
        <translation>{layer} қабатының нысандары {out} файлына экспортталды: {count}</translation>
    </message>
    <message>
        <source>FILE.html, FILE.pdf, FILE.png or FILE.svg</source>
        <translation>FILE.html, FILE.pdf, FILE.png немесе FILE.svg</translation>
    </message>
    <message>
        <source>File written</source>
        <translation>Файл жазылды</translation>
    </message>
    <message>
        <source>GeoPackage geometry blob has an invalid envelope type {t}.</source>
        <translation>GeoPackage геометрия блобында жарамсыз қамту түрі бар: {t}.</translation>
    </message>
    <message>
        <source>Give either --tcp PORT or --udp HOST:PORT.</source>
        <translation>--tcp ПОРТ немесе --udp ХОСТ:ПОРТ параметрлерінің біреуін ғана беріңіз.</translation>
    </message>
    <message>
        <source>Give it with --crs EPSG:CODE.</source>
        <translation>Оны --crs EPSG:CODE арқылы беріңіз.</translation>
    </message>
    <message>
        <source>Image added</source>
        <translation>Сурет қосылды</translation>
    </message>
    <message>
        <source>Imported {imported} of {rows} rows from {source} into {layer} (text read as {encoding}, {how}).</source>
        <translation>{source} файлынан {layer} қабатына {rows} жолдың {imported} жолы импортталды (мәтін {encoding} ретінде оқылды, {how}).</translation>
    </message>
    <message>
        <source>Imported {imported} of {rows} rows from {source} into {layer}.</source>
        <translation>{source} файлынан {layer} қабатына {rows} жолдың {imported} жолы импортталды.</translation>
    </message>
    <message>
        <source>Language {lang} is not offered: use kk, ru or en.</source>
        <translation>{lang} тілі жоқ: kk, ru немесе en қолданыңыз.</translation>
    </message>
    <message>
        <source>Layer {layer} has no field(s) {names}. Fields: {known}.</source>
        <translation>{layer} қабатында {names} өрісі жоқ. Өрістер: {known}.</translation>
    </message>
    <message>
        <source>Leaflet is missing: install the XStatic-Leaflet package (pip install XStatic-Leaflet) to make web maps.</source>
        <translation>Leaflet жоқ: веб-карталар жасау үшін XStatic-Leaflet пакетін орнатыңыз (pip install XStatic-Leaflet).</translation>
    </message>
    <message>
        <source>Making {out} took longer than {seconds:.0f} s and was stopped; try a lower dpi or a smaller page.</source>
        <translation>{out} жасау {seconds:.0f} с-тан ұзаққа созылып, тоқтатылды; dpi мәнін немесе бет өлшемін азайтып көріңіз.</translation>
    </message>
    <message>
        <source>Measuring distances…</source>
        <translation>Қашықтықтар өлшенуде…</translation>
    </message>
    <message>
        <source>New features without a branch were given {branch}, the branch of the account signed in (--set branch=CODE gives another).</source>
        <translation>Филиалы жоқ жаңа нысандарға кірген тіркелгінің филиалы берілді: {branch} (басқасын --set branch=КОД береді).</translation>
    </message>
    <message>
        <source>No GPS fix to average: wait until the receiver has a position.</source>
        <translation>Орташалайтын GPS өлшемі жоқ: қабылдағыш орынды анықтағанша күтіңіз.</translation>
    </message>
    <message>
        <source>No OpenStreetMap basemap with settlements is registered with this store on this device; add one with: baytak basemap add STORE FILE.osm.pbf</source>
        <translation>Бұл құрылғыда осы қоймаға елді мекендері бар OpenStreetMap негізгі картасы тіркелмеген; оны мына командамен қосыңыз: baytak basemap add STORE FILE.osm.pbf</translation>
    </message>
    <message>
        <source>No accounts yet: baytak server user add.</source>
        <translation>Әзірге тіркелгі жоқ: baytak server user add.</translation>
    </message>
    <message>
        <source>No attachment with SHA-256 {sha256}.</source>
        <translation>SHA-256 {sha256} бар тіркеме жоқ.</translation>
    </message>
    <message>
        <source>No basemaps registered.</source>
        <translation>Тіркелген негізгі карта жоқ.</translation>
    </message>
    <message>
        <source>No feature with uuid {uuid} in layer {layer}.</source>
        <translation>{layer} қабатында uuid {uuid} нысаны жоқ.</translation>
    </message>
    <message>
        <source>No feature {uuid} in layer {layer}.</source>
        <translation>{layer} қабатында {uuid} нысаны жоқ.</translation>
    </message>
    <message>
        <source>No images registered.</source>
        <translation>Тіркелген сурет жоқ.</translation>
    </message>
    <message>
        <source>No local changes.</source>
        <translation>Жергілікті өзгерістер жоқ.</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>Шешілмеген қайшылық жоқ.</translation>
    </message>
    <message>
        <source>No password given.</source>
        <translation>Құпиясөз берілмеді.</translation>
    </message>
    <message>
        <source>No serial ports.</source>
        <translation>Сериялық порттар жоқ.</translation>
    </message>
    <message>
        <source>No site with uuid {uuid} in {store}: copy it from the feature&apos;s details.</source>
        <translation>{store} ішінде uuid {uuid} нысаны жоқ: оны нысан мәліметтерінен көшіріңіз.</translation>
    </message>
    <message>
        <source>Not a GeoPackage geometry blob (it does not start with &apos;GP&apos;).</source>
        <translation>Бұл GeoPackage геометрия блобы емес (&apos;GP&apos; деп басталмайды).</translation>
    </message>
    <message>
        <source>Not allowed: {reason}.</source>
        <translation>Рұқсат жоқ: {reason}.</translation>
    </message>
    <message>
        <source>Not sent: {reasons}</source>
        <translation>Жіберілмеді: {reasons}</translation>
    </message>
    <message>
        <source>Nothing audited yet.</source>
        <translation>Аудит журналы әлі бос.</translation>
    </message>
    <message>
        <source>Only {got} of {wanted} fixes came from {source}; nothing was averaged.</source>
        <translation>{source} көзінен {wanted} өлшемнің тек {got} келді; ештеңе орташаланған жоқ.</translation>
    </message>
    <message>
        <source>Opacity must be between 0 and 1.</source>
        <translation>Мөлдірсіздік 0 мен 1 аралығында болуы керек.</translation>
    </message>
    <message>
        <source>Overviews built</source>
        <translation>Шолу деңгейлері құрылды</translation>
    </message>
    <message>
        <source>Page size {page} is not offered: use one of {sizes}.</source>
        <translation>{page} бет өлшемі жоқ: мыналардың бірін қолданыңыз: {sizes}.</translation>
    </message>
    <message>
        <source>Painting {out} failed unexpectedly; please report this:
{tail}</source>
        <translation>{out} сызу күтпеген жерден сәтсіз аяқталды; бұл туралы хабарлаңыз:
{tail}</translation>
    </message>
    <message>
        <source>Password for {user} on {server}: </source>
        <translation>{server} серверіндегі {user} құпиясөзі: </translation>
    </message>
    <message>
        <source>Password for {user}: </source>
        <translation>{user} құпиясөзі: </translation>
    </message>
    <message>
        <source>Polygon layers (geodesic):</source>
        <translation>Көпбұрыш қабаттары (геодезиялық):</translation>
    </message>
    <message>
        <source>Preparing your edits…</source>
        <translation>Түзетулеріңіз дайындалуда…</translation>
    </message>
    <message>
        <source>Print layouts are not available in this installation ({error}); --out FILE.html makes the web map.</source>
        <translation>Бұл орнатуда баспа макеттері жоқ ({error}); --out FILE.html веб-картаны жасайды.</translation>
    </message>
    <message>
        <source>Published {layer} as schema revision {revision} (server revision {rev}): {summary}.</source>
        <translation>{layer} схеманың {revision} нұсқасы ретінде жарияланды (сервер нұсқасы {rev}): {summary}.</translation>
    </message>
    <message>
        <source>Pushed {pushed} (applied {applied}, merged {merged}, unchanged {unchanged}, conflicts {conflicts}, rejected {rejected}); pulled {pulled}. Server revision {rev}.</source>
        <translation>Жіберілді: {pushed} (қолданылды {applied}, біріктірілді {merged}, өзгеріссіз {unchanged}, қайшылық {conflicts}, қабылданбады {rejected}); алынды: {pulled}. Сервер нұсқасы {rev}.</translation>
    </message>
    <message>
        <source>Reading places: {count} objects</source>
        <translation>Елді мекендер оқылуда: {count} нысан</translation>
    </message>
    <message>
        <source>Reading roads, railways and rivers: {count} objects</source>
        <translation>Жолдар, темір жолдар мен өзендер оқылуда: {count} нысан</translation>
    </message>
    <message>
        <source>Reading the Natural Earth shorelines…</source>
        <translation>Natural Earth жағалау сызықтары оқылуда…</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Файл оқылуда…</translation>
    </message>
    <message>
        <source>Reading the layer…</source>
        <translation>Қабат оқылуда…</translation>
    </message>
    <message>
        <source>Reading water, land cover and buildings: {count} objects</source>
        <translation>Су нысандары, жер жамылғысы мен ғимараттар оқылуда: {count} нысан</translation>
    </message>
    <message>
        <source>Reading {layer}…</source>
        <translation>«{layer}» қабаты оқылуда…</translation>
    </message>
    <message>
        <source>Receiving changes (revision {rev})…</source>
        <translation>Өзгерістер алынуда ({rev}-нұсқа)…</translation>
    </message>
    <message>
        <source>Recorded {points} points, {length} m, to {out}</source>
        <translation>{out} файлына жазылды: нүкте саны {points}, {length} м</translation>
    </message>
    <message>
        <source>Registered with {store} as basemap {id}.</source>
        <translation>{store} қоймасында {id} негізгі картасы ретінде тіркелді.</translation>
    </message>
    <message>
        <source>Registered {path} ({width} x {height}, {bands} band(s), {crs}, {resolution} m per pixel) as image {id}; overviews: {overviews}.</source>
        <translation>{path} тіркелді ({width} x {height}, арна саны {bands}, {crs}, пиксельге {resolution} м), сурет {id}; шолулар: {overviews}.</translation>
    </message>
    <message>
        <source>Resolving conflict {id}…</source>
        <translation>{id} қайшылығы шешілуде…</translation>
    </message>
    <message>
        <source>Reverse: {count} {to_layer} with {from_layer} within {km}:</source>
        <translation>Кері бағытта: {km} ішінде {from_layer} бар {to_layer} саны: {count}</translation>
    </message>
    <message>
        <source>Revoked {count} token(s).</source>
        <translation>Жойылған токендер саны: {count}.</translation>
    </message>
    <message>
        <source>Run the central sync server (no subcommand), or manage it.</source>
        <translation>Орталық синхрондау серверін іске қосу (ішкі командасыз) немесе оны басқару.</translation>
    </message>
    <message>
        <source>SQLite integrity check: {line}</source>
        <translation>SQLite тұтастық тексеруі: {line}</translation>
    </message>
    <message>
        <source>Saving features: {done} of {count}</source>
        <translation>Нысандар сақталуда: {count} ішінен {done}</translation>
    </message>
    <message>
        <source>Send JSON with Content-Type: application/json, not {media!r}.</source>
        <translation>JSON-ды {media!r} емес, Content-Type: application/json арқылы жіберіңіз.</translation>
    </message>
    <message>
        <source>Send each chunk with Content-Range: bytes START-END/TOTAL (END inclusive), not {header!r}.</source>
        <translation>Әр бөлікті {header!r} емес, Content-Range: bytes START-END/TOTAL арқылы жіберіңіз (END қоса).</translation>
    </message>
    <message>
        <source>Send the body as it is, without Content-Encoding {encoding!r}; the server does not inflate.</source>
        <translation>Сұрау денесін {encoding!r} Content-Encoding-сіз, сол күйінде жіберіңіз; сервер сығылған деректі ашпайды.</translation>
    </message>
    <message>
        <source>Sending changes: {count}…</source>
        <translation>Өзгерістер жіберілуде: {count}…</translation>
    </message>
    <message>
        <source>Sending photo {index} of {count}…</source>
        <translation>{count} фотоның {index}-і жіберілуде…</translation>
    </message>
    <message>
        <source>Sent {count} lines to {address}</source>
        <translation>{address} адресіне жіберілген жолдар: {count}</translation>
    </message>
    <message>
        <source>Sent; reading the server&apos;s answer…</source>
        <translation>Жіберілді; сервердің жауабы оқылуда…</translation>
    </message>
    <message>
        <source>Serving {log} on tcp://{host}:{port} (Ctrl-C stops)</source>
        <translation>{log} tcp://{host}:{port} адресінде беріліп жатыр (Ctrl-C тоқтатады)</translation>
    </message>
    <message>
        <source>Sign in first: send Authorization: Bearer &lt;token&gt;.</source>
        <translation>Алдымен кіріңіз: Authorization: Bearer &lt;token&gt; жіберіңіз.</translation>
    </message>
    <message>
        <source>Signed in to {server} as {user} ({where}); the sign-in lasts until {expires}.</source>
        <translation>{server} серверіне {user} ретінде кірдіңіз ({where}); кіру {expires} дейін жарамды.</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>Синхрондау аяқталды</translation>
    </message>
    <message>
        <source>That photo is not attached to this feature.</source>
        <translation>Бұл фотосурет осы нысанға тіркелмеген.</translation>
    </message>
    <message>
        <source>The MapInfo table {file} has no {part} file (its attributes): copy it beside the {suffix}</source>
        <translation>{file} MapInfo кестесінің {part} файлы (атрибуттары) жоқ: оны {suffix} файлының қасына салыңыз</translation>
    </message>
    <message>
        <source>The NMEA log {path} was not found.</source>
        <translation>{path} NMEA журналы табылмады.</translation>
    </message>
    <message>
        <source>The X and Y columns of {file} can be read either way (X as longitude, as GIS programs write, or X as latitude, as Russian survey tables do): say which column is the latitude</source>
        <translation>{file} файлындағы X және Y бағандарын екі жолмен де оқуға болады (ГАЖ бағдарламаларындағыдай X — бойлық, немесе геодезиялық кестелердегідей X — ендік): қай баған ендік екенін көрсетіңіз</translation>
    </message>
    <message>
        <source>The X and Y columns of {file} only make sense with X as the latitude (northing), as Russian survey tables write them: import them swapped</source>
        <translation>{file} файлындағы X және Y бағандарының мағынасы X ендік (солтүстік координата) болғанда ғана шығады, геодезиялық кестелердегідей: оларды орындарын ауыстырып импорттаңыз</translation>
    </message>
    <message>
        <source>The account {name!r} is disabled; ask an administrator.</source>
        <translation>{name!r} тіркелгісі өшірілген; әкімшіден сұраңыз.</translation>
    </message>
    <message>
        <source>The attachment {sha256} downloaded from the server does not match its SHA-256; sync again.</source>
        <translation>Серверден жүктелген {sha256} тіркемесі өзінің SHA-256 мәніне сәйкес келмейді; қайта синхрондаңыз.</translation>
    </message>
    <message>
        <source>The attachment {sha256} no longer matches its SHA-256: it was altered.</source>
        <translation>{sha256} тіркемесі енді өзінің SHA-256 мәніне сәйкес келмейді: ол өзгертілген.</translation>
    </message>
    <message>
        <source>The basemap cannot be written over the store itself; choose another --out.</source>
        <translation>Негізгі картаны қойманың өзінің үстіне жазуға болмайды; --out арқылы басқа файл таңдаңыз.</translation>
    </message>
    <message>
        <source>The basemap cannot be written over the store itself; choose another name.</source>
        <translation>Негізгі картаны қойманың өзінің үстіне жазуға болмайды; басқа атау таңдаңыз.</translation>
    </message>
    <message>
        <source>The basemap layer &apos;{name}&apos; cannot be read; it is left out ({library}: {detail})</source>
        <translation>Негізгі картаның «{name}» қабаты оқылмайды; ол көрсетілмейді ({library}: {detail})</translation>
    </message>
    <message>
        <source>The basemap must be written to a .gpkg file, not {path}.</source>
        <translation>Негізгі карта {path} файлына емес, .gpkg файлына жазылуы керек.</translation>
    </message>
    <message>
        <source>The basemap {path} is missing, so there are no reference places; reinstall baytak-desktop or use a layer of the store.</source>
        <translation>{path} негізгі картасы жоқ, сондықтан анықтамалық елді мекендер жоқ; baytak-desktop-ты қайта орнатыңыз немесе қойма қабатын қолданыңыз.</translation>
    </message>
    <message>
        <source>The basemap {path} is not on this device; the map is drawn without it. Add it again from File.</source>
        <translation>{path} негізгі картасы бұл құрылғыда жоқ; карта онсыз салынады. Оны «Файл» мәзірінен қайта қосыңыз.</translation>
    </message>
    <message>
        <source>The chunk has {got} bytes but Content-Range says {want}.</source>
        <translation>Бөлікте {got} байт бар, бірақ Content-Range {want} дейді.</translation>
    </message>
    <message>
        <source>The chunk has {more}{got} bytes but Content-Range says {want}.</source>
        <translation>Бөлікте {more}{got} байт бар, бірақ Content-Range {want} дейді.</translation>
    </message>
    <message>
        <source>The colour {value} is not a #rrggbb colour.</source>
        <translation>{value} түсі #rrggbb түріндегі түс емес.</translation>
    </message>
    <message>
        <source>The coordinate system of {file} cannot be used: save the file again with a standard one (an EPSG code, such as EPSG:4326 or a UTM zone) ({library}: {detail})</source>
        <translation>{file} файлының координаттар жүйесін қолдану мүмкін емес: файлды стандартты жүйемен қайта сақтаңыз (EPSG коды, мысалы EPSG:4326 немесе UTM аймағы) ({library}: {detail})</translation>
    </message>
    <message>
        <source>The coordinates of {file} are metres in a projected coordinate system (UTM, Gauss-Krüger), not degrees: {column} holds {value}. A table gives no coordinate system, so convert the points to longitude/latitude in QGIS, or save them as a Shapefile or GeoPackage with their coordinate system</source>
        <translation>{file} координаттары градус емес, проекциядағы метрлер (UTM, Гаусс-Крюгер): {column} бағанында {value} жазылған. Кестеде координаттар жүйесі жоқ, сондықтан нүктелерді QGIS-те бойлық/ендікке аударыңыз немесе оларды координаттар жүйесімен бірге Shapefile не GeoPackage етіп сақтаңыз</translation>
    </message>
    <message>
        <source>The database URL {url!r} is neither sqlite:///FILE nor postgresql://...</source>
        <translation>{url!r} дерекқор URL-і sqlite:///FILE да, postgresql://... да емес.</translation>
    </message>
    <message>
        <source>The date {date} is not a date like 2025-06-30.</source>
        <translation>{date} күні 2025-06-30 сияқты күн емес.</translation>
    </message>
    <message>
        <source>The distance must be a number of kilometres, 0 or more, not {km}.</source>
        <translation>Қашықтық километрмен берілген 0 немесе одан үлкен сан болуы керек, {km} емес.</translation>
    </message>
    <message>
        <source>The exhibit painter is not installed (no entry point {name} in {group}); reinstall baytak-desktop.</source>
        <translation>Дәлелдерді салатын бөлік орнатылмаған ({group} тобында {name} кіру нүктесі жоқ); baytak-desktop-ты қайта орнатыңыз.</translation>
    </message>
    <message>
        <source>The extent {extent} is not west,south,east,north in degrees with west &lt; east and south &lt; north.</source>
        <translation>{extent} аумағы батыс &lt; шығыс және оңтүстік &lt; солтүстік болатын градустағы батыс,оңтүстік,шығыс,солтүстік емес.</translation>
    </message>
    <message>
        <source>The file is {total} bytes; one account may upload at most {limit} bytes at a time.</source>
        <translation>Файл {total} байт; бір тіркелгі бір мезгілде ең көбі {limit} байт жүктей алады.</translation>
    </message>
    <message>
        <source>The file is {total} bytes; the server takes attachments up to {limit} bytes.</source>
        <translation>Файл {total} байт; сервер {limit} байтқа дейінгі тіркемелерді қабылдайды.</translation>
    </message>
    <message>
        <source>The file {file} has no .prj: its coordinate system is unknown. Add the .prj (or re-export with one)</source>
        <translation>{file} файлында .prj жоқ: оның координаттар жүйесі белгісіз. .prj қосыңыз (немесе онымен қайта экспорттаңыз)</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>{folder} қалтасы жоқ.</translation>
    </message>
    <message>
        <source>The image already has overviews</source>
        <translation>Суретте шолу деңгейлері бұрыннан бар</translation>
    </message>
    <message>
        <source>The image {title} is not on this device ({path}); copy it there, or add it again from where it is. The map is drawn without it.</source>
        <translation>{title} суреті бұл құрылғыда жоқ ({path}); оны сол жерге көшіріңіз немесе тұрған жерінен қайта қосыңыз. Карта онсыз салынады.</translation>
    </message>
    <message>
        <source>The layer definition {source} cannot be used: {summary}</source>
        <translation>{source} қабат анықтамасын пайдалану мүмкін емес: {summary}</translation>
    </message>
    <message>
        <source>The layer definition {source} is written in {found}, which this version of Baytak does not know (it knows {known}); update the program.</source>
        <translation>{source} қабат анықтамасы {found} пішімінде жазылған, оны Baytak-тың бұл нұсқасы білмейді ({known} біледі); бағдарламаны жаңартыңыз.</translation>
    </message>
    <message>
        <source>The layer {layer} cannot be published as it is: {summary}</source>
        <translation>{layer} қабатын осы күйінде жариялау мүмкін емес: {summary}</translation>
    </message>
    <message>
        <source>The layer {layer} has no field {field} that an import can fill. Fields: {fields}.</source>
        <translation>{layer} қабатында импорт толтыра алатын {field} өрісі жоқ. Өрістер: {fields}.</translation>
    </message>
    <message>
        <source>The layer {layer} has no field {field}.</source>
        <translation>{layer} қабатында {field} өрісі жоқ.</translation>
    </message>
    <message>
        <source>The line pattern {value} is not one of: solid, dash, dot, dashdot.</source>
        <translation>{value} сызық түрі мыналардың бірі емес: solid, dash, dot, dashdot.</translation>
    </message>
    <message>
        <source>The name {name!r} looks like the existing user {twin!r}; choose a name nobody can take for it.</source>
        <translation>{name!r} аты бар {twin!r} пайдаланушысына ұқсайды; онымен шатастыруға болмайтын ат таңдаңыз.</translation>
    </message>
    <message>
        <source>The offline basemap {file} has no layer &apos;{name}&apos;; it is left out.</source>
        <translation>{file} желісіз негізгі картасында «{name}» қабаты жоқ; ол көрсетілмейді.</translation>
    </message>
    <message>
        <source>The offline basemap {path} cannot be read (damaged, or not a GeoPackage); the map shows your data without it. Reinstall baytak-desktop to restore it ({library}: {detail})</source>
        <translation>{path} желісіз негізгі картасы оқылмайды (бүлінген немесе GeoPackage емес); карта деректеріңізді онсыз көрсетеді. Оны қалпына келтіру үшін baytak-desktop-ты қайта орнатыңыз ({library}: {detail})</translation>
    </message>
    <message>
        <source>The offline basemap {path} is missing; the map shows your data without it. Reinstall baytak-desktop to restore it.</source>
        <translation>{path} желісіз негізгі картасы жоқ; карта деректеріңізді онсыз көрсетеді. Оны қалпына келтіру үшін baytak-desktop-ты қайта орнатыңыз.</translation>
    </message>
    <message>
        <source>The password must have at least 8 characters.</source>
        <translation>Құпиясөзде кемінде 8 таңба болуы керек.</translation>
    </message>
    <message>
        <source>The photo distance limit must be a number of kilometres, 0 or more, not {value}.</source>
        <translation>Фотоның қашықтық шегі 0 немесе одан көп километр саны болуы керек, {value} емес.</translation>
    </message>
    <message>
        <source>The photo time limit must be a whole number of days, 0 or more, not {value}.</source>
        <translation>Фотоның уақыт шегі 0 немесе одан көп бүтін күн саны болуы керек, {value} емес.</translation>
    </message>
    <message>
        <source>The request body is not valid JSON.</source>
        <translation>Сұрау денесі дұрыс JSON емес.</translation>
    </message>
    <message>
        <source>The request does not have the expected shape: {found}.</source>
        <translation>Сұрау күтілген пішінде емес: {found}.</translation>
    </message>
    <message>
        <source>The request body holds a number of more than {limit} digits; no value is that long.</source>
        <translation>Сұрау денесінде {limit} цифрдан ұзын сан бар; ондай ұзын мән болмайды.</translation>
    </message>
    <message>
        <source>The request body is not UTF-8 (byte {position}); send JSON as UTF-8.</source>
        <translation>Сұрау денесі UTF-8 емес ({position} байт); JSON-ды UTF-8 түрінде жіберіңіз.</translation>
    </message>
    <message>
        <source>The request body names the key {key!r} twice in one object; send each key once.</source>
        <translation>Сұрау денесінде бір объектіде {key!r} кілті екі рет аталған; әр кілтті бір рет жіберіңіз.</translation>
    </message>
    <message>
        <source>The request body nests JSON arrays or objects too deeply to read; the protocol&apos;s are a few levels deep.</source>
        <translation>Сұрау денесіндегі JSON массивтері не объектілері оқу үшін тым терең салынған; хаттаманың денелері бірнеше деңгейлі ғана.</translation>
    </message>
    <message>
        <source>The request does not have the expected shape: {found}; and {more} more.</source>
        <translation>Сұрау күтілген пішінде емес: {found}; және тағы {more}.</translation>
    </message>
    <message>
        <source>The request is larger than the server accepts ({limit} bytes).</source>
        <translation>Сұрау сервер қабылдайтыннан үлкен ({limit} байт).</translation>
    </message>
    <message>
        <source>The server database has a table {table} already that is not a Baytak layer; rename it, or publish the layer under another name.</source>
        <translation>Сервер дерекқорында Baytak қабаты емес {table} кестесі бар; оның атын өзгертіңіз немесе қабатты басқа атпен жариялаңыз.</translation>
    </message>
    <message>
        <source>The server database was written by a newer baytak server (schema {found}, this one knows {known}); update the server program.</source>
        <translation>Сервер дерекқорын baytak серверінің жаңарақ нұсқасы жазған (схема {found}, бұл нұсқа {known} біледі); сервер бағдарламасын жаңартыңыз.</translation>
    </message>
    <message>
        <source>The server failed; nothing was changed. Try again; if it persists, tell the administrator.</source>
        <translation>Серверде қате болды; ештеңе өзгерген жоқ. Қайталап көріңіз; қате қайталанса, әкімшіге хабарлаңыз.</translation>
    </message>
    <message>
        <source>The server has no complete attachment {sha256}.</source>
        <translation>Серверде {sha256} тіркемесі толық емес.</translation>
    </message>
    <message>
        <source>The server has no feature {uuid} in {layer} to update; send it as an insert.</source>
        <translation>Серверде {layer} қабатында жаңартатын {uuid} нысаны жоқ; оны жаңа нысан ретінде жіберіңіз.</translation>
    </message>
    <message>
        <source>The server has {received} of {total} bytes; send the chunk that starts at byte {restart}.</source>
        <translation>Серверде {total} байттың {received} байты бар; {restart}-байттан басталатын бөлікті жіберіңіз.</translation>
    </message>
    <message>
        <source>The server is busy; nothing was changed. Try again in {seconds} s.</source>
        <translation>Сервер бос емес; ештеңе өзгертілмеді. {seconds} с кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>The server refused {count} of your changes within the last {minutes} minutes; see why, fix them, and sync again in {seconds} s.</source>
        <translation>Соңғы {minutes} минутта сервер {count} өзгерісіңізді қабылдамады; себебін қарап, түзетіңіз де, {seconds} с кейін қайта синхрондаңыз.</translation>
    </message>
    <message>
        <source>The server {server} answered with something that is not a Baytak server&apos;s answer: check the address; a Wi-Fi sign-in page or a proxy may be in the way. Your edits are safe on this computer.</source>
        <translation>{server} сервері Baytak серверінің жауабы емес нәрсемен жауап берді: мекенжайды тексеріңіз; арада Wi-Fi кіру беті немесе прокси тұруы мүмкін. Түзетулеріңіз осы компьютерде сақтаулы.</translation>
    </message>
    <message>
        <source>The server {server} could not handle the request ({code}: {reason}). Your edits are safe on this computer; try again later, or tell the server&apos;s administrator.</source>
        <translation>{server} сервері сұрауды өңдей алмады ({code}: {reason}). Түзетулеріңіз осы компьютерде сақтаулы; кейінірек қайталаңыз немесе сервер әкімшісіне хабарлаңыз.</translation>
    </message>
    <message>
        <source>The server {server} keeps refusing the upload of attachment {sha256} at byte {offset}. Your edits and the file are safe on this computer; sync again later, or tell the server&apos;s administrator.</source>
        <translation>{server} сервері {sha256} тіркемесін {offset}-байттан бастап жүктеуді қайта-қайта қабылдамай тұр. Түзетулеріңіз бен файл осы компьютерде сақтаулы; кейінірек қайта синхрондаңыз немесе сервер әкімшісіне хабарлаңыз.</translation>
    </message>
    <message>
        <source>The server {server} refused the request: {reason} ({code}).</source>
        <translation>{server} сервері сұраудан бас тартты: {reason} ({code}).</translation>
    </message>
    <message>
        <source>The server&apos;s answer is saved</source>
        <translation>Сервердің жауабы сақталды</translation>
    </message>
    <message>
        <source>The shapefile {file} has no {part} file (its index): add it, or re-export the shapefile</source>
        <translation>{file} shapefile-ында {part} файлы (оның индексі) жоқ: оны қосыңыз немесе shapefile-ды қайта экспорттаңыз</translation>
    </message>
    <message>
        <source>The shapefile {file} has no {part} file, so its attributes are missing: add it</source>
        <translation>{file} shapefile-ында {part} файлы жоқ, сондықтан оның атрибуттары жоқ: оны қосыңыз</translation>
    </message>
    <message>
        <source>The store {path} does not exist.</source>
        <translation>{path} қоймасы жоқ.</translation>
    </message>
    <message>
        <source>The style saved for {layer} names another layer, {other}.</source>
        <translation>{layer} үшін сақталған стиль басқа қабатты атайды: {other}.</translation>
    </message>
    <message>
        <source>The text of {file} is not in an encoding baytak can recognise for sure ({found}): choose its encoding</source>
        <translation>{file} мәтінінің кодтауын baytak сенімді түрде анықтай алмайды ({found}): оның кодтауын таңдаңыз</translation>
    </message>
    <message>
        <source>The tile address {url} must start with http:// or https:// and contain {{z}}, {{x}} and {{y}}.</source>
        <translation>{url} тайл мекенжайы http:// немесе https:// деп басталып, {{z}}, {{x}} және {{y}} қамтуы керек.</translation>
    </message>
    <message>
        <source>The track has fewer than 2 points: walk on before saving it as a line.</source>
        <translation>Тректе 2-ден аз нүкте бар: оны сызық ретінде сақтамас бұрын әрі қарай жүріңіз.</translation>
    </message>
    <message>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>Екі құпиясөз әртүрлі; ештеңе өзгертілмеді.</translation>
    </message>
    <message>
        <source>The uploaded bytes hash to {actual}, not {name}; the upload was discarded. Upload the file again from the start.</source>
        <translation>Жүктелген байттардың хеші {name} емес, {actual}; жүктеу тасталды. Файлды басынан қайта жүктеңіз.</translation>
    </message>
    <message>
        <source>The value {value!r} given for the field {field} cannot be used: {reason}</source>
        <translation>{field} өрісі үшін берілген {value!r} мәнін қолдануға болмайды: {reason}</translation>
    </message>
    <message>
        <source>The visibility or drawing order of {layer} is not valid.</source>
        <translation>{layer} қабатының көрінуі немесе сызылу реті жарамсыз.</translation>
    </message>
    <message>
        <source>The web map would fetch {count} file(s) from the internet (first: {first}); it was not written.</source>
        <translation>Веб-карта интернеттен {count} файл жүктер еді (біріншісі: {first}); ол жазылмады.</translation>
    </message>
    <message>
        <source>The {name} {value} is out of range ({low} to {high}).</source>
        <translation>{name} мәні {value} рұқсат етілген аралықтан тыс ({low}–{high}).</translation>
    </message>
    <message>
        <source>There is already a user named {name!r}.</source>
        <translation>{name!r} атты пайдаланушы бұрыннан бар.</translation>
    </message>
    <message>
        <source>There is no conflict {id} in {store}; baytak conflicts {store} lists them.</source>
        <translation>{store} ішінде {id} қайшылығы жоқ; оларды baytak conflicts {store} тізімдейді.</translation>
    </message>
    <message>
        <source>There is no conflict {id} you can see.</source>
        <translation>Сіз көре алатын {id} қайшылығы жоқ.</translation>
    </message>
    <message>
        <source>There is no layer named {layer!r}. Layers: {known}.</source>
        <translation>{layer!r} атты қабат жоқ. Қабаттар: {known}.</translation>
    </message>
    <message>
        <source>There is no layer named {source!r}. Use {known}, places (the basemap&apos;s towns) or osm_places (the villages of the store&apos;s OpenStreetMap basemaps).</source>
        <translation>{source!r} деген қабат жоқ. {known}, places (негізгі картаның қалалары) немесе osm_places (қоймадағы OpenStreetMap негізгі карталарының ауылдары) қолданыңыз.</translation>
    </message>
    <message>
        <source>There is no layer {layer}. Layers: {known}.</source>
        <translation>{layer} қабаты жоқ. Қабаттар: {known}.</translation>
    </message>
    <message>
        <source>There is no user named {name!r}.</source>
        <translation>{name!r} атты пайдаланушы жоқ.</translation>
    </message>
    <message>
        <source>There is no {method} {path} on this server.</source>
        <translation>Бұл серверде {method} {path} жоқ.</translation>
    </message>
    <message>
        <source>This GeoPackage already has a table {table} that is not a Baytak layer; rename it in QGIS or use another file.</source>
        <translation>Бұл GeoPackage-те Baytak қабаты емес {table} кестесі бар; оны QGIS-те қайта атаңыз немесе басқа файлды қолданыңыз.</translation>
    </message>
    <message>
        <source>This GeoPackage already has a table {table} that is not a Baytak layer; rename it in QGIS, then sync again.</source>
        <translation>Бұл GeoPackage-те Baytak қабаты емес {table} кестесі бар; QGIS-те оның атын өзгертіп, қайта синхрондаңыз.</translation>
    </message>
    <message>
        <source>This database was written by a newer version of Baytak (schema {found}, this one knows {known}); update the program.</source>
        <translation>Бұл дерекқорды Baytak-тың жаңарақ нұсқасы жазған (схема {found}, бұл нұсқа {known} біледі); бағдарламаны жаңартыңыз.</translation>
    </message>
    <message>
        <source>This device has pulled up to revision {after}, but the server&apos;s latest is {server_rev}: the server was restored from an older copy or is another server. Tell the administrator.</source>
        <translation>Бұл құрылғы {after} нұсқасына дейін алған, ал сервердің соңғы нұсқасы — {server_rev}: сервер ескі көшірмеден қалпына келтірілген немесе бұл басқа сервер. Әкімшіге хабарлаңыз.</translation>
    </message>
    <message>
        <source>This is a feature of the demo (illustrative data); it is not imported into a real store.</source>
        <translation>Бұл демо нысаны (мысал ретіндегі деректер); ол нақты қоймаға импортталмайды.</translation>
    </message>
    <message>
        <source>This photo is already attached to this feature (SHA-256 {sha256}).</source>
        <translation>Бұл фотосурет осы нысанға тіркеліп қойған (SHA-256 {sha256}).</translation>
    </message>
    <message>
        <source>This server speaks {protocol}; update the app.</source>
        <translation>Бұл сервер {protocol} хаттамасымен жұмыс істейді; бағдарламаны жаңартыңыз.</translation>
    </message>
    <message>
        <source>This store was written by a newer baytak-desktop (schema {found}, this one knows {known}); update the program.</source>
        <translation>Бұл қойманы baytak-desktop-тың жаңарақ нұсқасы жазған (схема {found}, бұл нұсқа {known} біледі); бағдарламаны жаңартыңыз.</translation>
    </message>
    <message>
        <source>This token is unknown or was revoked; sign in again.</source>
        <translation>Бұл токен белгісіз немесе кері қайтарылған; қайта кіріңіз.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins for {name!r}; try again in {seconds} s.</source>
        <translation>{name!r} үшін сәтсіз кіру әрекеттері тым көп; {seconds} с кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>Tracking the edits made by another program…</source>
        <translation>Басқа бағдарлама жасаған түзетулер есепке алынуда…</translation>
    </message>
    <message>
        <source>Unknown server setting(s) {names}; known: {known}.</source>
        <translation>Белгісіз сервер баптаулары: {names}; белгілілері: {known}.</translation>
    </message>
    <message>
        <source>Unknown style kind {kind}: use single or categorized.</source>
        <translation>Белгісіз стиль түрі {kind}: single немесе categorized қолданыңыз.</translation>
    </message>
    <message>
        <source>Upload the attachments first ({count} missing), then resolve again.</source>
        <translation>Алдымен тіркемелерді жүктеңіз ({count} жоқ), содан кейін қайта шешіңіз.</translation>
    </message>
    <message>
        <source>Upload the attachments first ({count} missing), then send the same changeset again.</source>
        <translation>Алдымен тіркемелерді жүктеңіз ({count} жоқ), содан кейін сол өзгерістер жинағын қайта жіберіңіз.</translation>
    </message>
    <message>
        <source>Waiting for {program}, which has the store locked ({seconds} s)...</source>
        <translation>Қойманы құлыптаған {program} күтілуде ({seconds} с)...</translation>
    </message>
    <message>
        <source>Water area by year (geodesic):</source>
        <translation>Жылдар бойынша су ауданы (геодезиялық):</translation>
    </message>
    <message>
        <source>Web map written</source>
        <translation>Веб-карта жазылды</translation>
    </message>
    <message>
        <source>Within {km} (geodesic) of each of {count} {from_layer}, from {to_layer}:</source>
        <translation>{from_layer} нысандарының әрқайсысынан {km} ішіндегі (геодезиялық) {to_layer}, нысан саны {count}:</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>Файл жазылуда…</translation>
    </message>
    <message>
        <source>Writing the web map…</source>
        <translation>Веб-карта жазылуда…</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Пайдаланушы аты немесе құпиясөз қате.</translation>
    </message>
    <message>
        <source>Wrote the evidence dossier of {uuid} to {out}</source>
        <translation>{uuid} дәлелдеме досьесі {out} файлына жазылды</translation>
    </message>
    <message>
        <source>Wrote {out}</source>
        <translation>{out} жазылды</translation>
    </message>
    <message>
        <source>Wrote {path}: {features} features in {layers} layers, {size} MB, works offline</source>
        <translation>{path} жазылды: нысандар {features}, қабаттар {layers}, {size} МБ, желісіз жұмыс істейді</translation>
    </message>
    <message>
        <source>You have {count} unfinished uploads ({size} bytes); finish them before starting another, or wait until the oldest expires in {seconds} s.</source>
        <translation>Сізде {count} аяқталмаған жүктеу бар ({size} байт); жаңасын бастамас бұрын оларды аяқтаңыз немесе ең ескісінің мерзімі {seconds} с кейін біткенше күтіңіз.</translation>
    </message>
    <message>
        <source>Your account on {server} is disabled ({reason}): ask your coordinator or the server&apos;s administrator to enable it. Your edits are safe on this computer.</source>
        <translation>{server} серверіндегі тіркелгіңіз өшірілген ({reason}): оны қосуды үйлестірушіңізден немесе сервер әкімшісінен сұраңыз. Түзетулеріңіз осы компьютерде сақтаулы.</translation>
    </message>
    <message>
        <source>Your sign-in expired; sign in again.</source>
        <translation>Кіру мерзімі бітті; қайта кіріңіз.</translation>
    </message>
    <message>
        <source>Your sign-in to {server} has expired or was revoked ({reason}): sign in again with baytak login {store} --server {server} --user NAME. Your edits are safe on this computer.</source>
        <translation>{server} серверіне кіруіңіздің мерзімі өтті немесе ол қайтарылды ({reason}): baytak login {store} --server {server} --user NAME арқылы қайта кіріңіз. Түзетулеріңіз осы компьютерде сақтаулы.</translation>
    </message>
    <message>
        <source>[resolved: {resolution}]</source>
        <translation>[шешілді: {resolution}]</translation>
    </message>
    <message>
        <source>a GPS receiver: watch, average, log a site, record a track, replay a log</source>
        <translation>GPS қабылдағыш: бақылау, орташалау, нысанды тіркеу, трек жазу, журналды қайталау</translation>
    </message>
    <message>
        <source>a LineString in a MULTILINESTRING layer (GeoPackage requirement 32)</source>
        <translation>MULTILINESTRING қабатындағы LineString (GeoPackage 32-талабы)</translation>
    </message>
    <message>
        <source>a Polygon in a MULTIPOLYGON layer (GeoPackage requirement 32)</source>
        <translation>MULTIPOLYGON қабатындағы Polygon (GeoPackage 32-талабы)</translation>
    </message>
    <message>
        <source>a colon is missing after a key</source>
        <translation>кілттен кейін қос нүкте жоқ</translation>
    </message>
    <message>
        <source>a comma is missing</source>
        <translation>үтір жетіспейді</translation>
    </message>
    <message>
        <source>a feature must keep a geometry; it cannot be set to null</source>
        <translation>нысанның геометриясы сақталуы керек; оны бос (null) етуге болмайды</translation>
    </message>
    <message>
        <source>a key must be in double quotes (or a comma too many)</source>
        <translation>кілт қос тырнақшада болуы керек (немесе артық үтір бар)</translation>
    </message>
    <message>
        <source>a layer definition is a JSON object {{...}}, not {kind}</source>
        <translation>қабат анықтамасы — JSON нысаны {{...}}, ал мұнда {kind}</translation>
    </message>
    <message>
        <source>a one-point MultiPoint in a POINT layer</source>
        <translation>POINT қабатындағы бір нүктелі MultiPoint</translation>
    </message>
    <message>
        <source>a point layer</source>
        <translation>нүктелік қабат</translation>
    </message>
    <message>
        <source>a polygon needs at least 3 corners; this one has {count}</source>
        <translation>көпбұрышқа кемінде 3 бұрыш керек; мұнда {count}</translation>
    </message>
    <message>
        <source>a polygon ring has {points} points; it needs at least 4 (three corners and the first point repeated at the end)</source>
        <translation>көпбұрыш сақинасында {points} нүкте бар; кемінде 4 керек (үш бұрыш және соңында қайталанған бірінші нүкте)</translation>
    </message>
    <message>
        <source>a recorded track as a new outline (or line) in a layer</source>
        <translation>жазылған трек қабаттағы жаңа контур (немесе сызық) ретінде</translation>
    </message>
    <message>
        <source>a reporter may change or delete only the features they created</source>
        <translation>хабарлаушы тек өзі жасаған нысандарды өзгерте немесе жоя алады</translation>
    </message>
    <message>
        <source>a review mark names its reviewer: write {name}, not {others}</source>
        <translation>тексеру белгісі тексерушіні атайды: {others} емес, {name} деп жазыңыз</translation>
    </message>
    <message>
        <source>a text holds a line break or a tab; write it as \n or \t</source>
        <translation>мәтінде жол ауысуы немесе табуляция бар; оны \n немесе \t деп жазыңыз</translation>
    </message>
    <message>
        <source>a text is not closed with a double quote</source>
        <translation>мәтін қос тырнақшамен жабылмаған</translation>
    </message>
    <message>
        <source>a title (default: the file name)</source>
        <translation>атауы (әдепкісі: файл аты)</translation>
    </message>
    <message>
        <source>a title for the basemap (default: the extract&apos;s name)</source>
        <translation>негізгі картаның атауы (әдепкісі: үзінді аты)</translation>
    </message>
    <message>
        <source>a value is missing or is not JSON (text goes in double quotes)</source>
        <translation>мән жоқ немесе JSON емес (мәтін қос тырнақшада жазылады)</translation>
    </message>
    <message>
        <source>a viewer cannot change features</source>
        <translation>қараушы нысандарды өзгерте алмайды</translation>
    </message>
    <message>
        <source>a viewer cannot resolve conflicts</source>
        <translation>қараушы қайшылықтарды шеше алмайды</translation>
    </message>
    <message>
        <source>a viewer cannot upload attachments</source>
        <translation>қараушы тіркемелерді жүктей алмайды</translation>
    </message>
    <message>
        <source>add --overwrite to replace it</source>
        <translation>ауыстыру үшін --overwrite қосыңыз</translation>
    </message>
    <message>
        <source>add --overwrite to replace that layer; the file&apos;s other layers stay</source>
        <translation>сол қабатты ауыстыру үшін --overwrite қосыңыз; файлдың басқа қабаттары қалады</translation>
    </message>
    <message>
        <source>add --swap-xy</source>
        <translation>--swap-xy қосыңыз</translation>
    </message>
    <message>
        <source>add --swap-xy if X is the latitude (northing), or give --lat-column Y --lon-column X</source>
        <translation>X ендік (солтүстік координата) болса, --swap-xy қосыңыз немесе --lat-column Y --lon-column X беріңіз</translation>
    </message>
    <message>
        <source>add an account</source>
        <translation>тіркелгі қосу</translation>
    </message>
    <message>
        <source>add, list, disable or enable accounts</source>
        <translation>тіркелгілерді қосу, тізу, өшіру немесе қосу</translation>
    </message>
    <message>
        <source>address to listen on (default {host})</source>
        <translation>тыңдайтын адрес (әдепкісі {host})</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>әкімші</translation>
    </message>
    <message>
        <source>an attribute (repeatable)</source>
        <translation>атрибут (қайталауға болады)</translation>
    </message>
    <message>
        <source>an outline (polygon) or line layer</source>
        <translation>контур (көпбұрыш) немесе сызық қабаты</translation>
    </message>
    <message>
        <source>another program</source>
        <translation>басқа бағдарлама</translation>
    </message>
    <message>
        <source>another program is writing to it; close it there (or wait for it), then try again</source>
        <translation>оған басқа бағдарлама жазып жатыр; оны сол жерде жабыңыз (немесе күтіңіз), сосын қайталап көріңіз</translation>
    </message>
    <message>
        <source>argument {argument}: expected one argument</source>
        <translation>{argument} аргументі: бір мән күтілді</translation>
    </message>
    <message>
        <source>argument {argument}: invalid choice: {value} (choose from {choices})</source>
        <translation>{argument} аргументі: {value} жарамсыз таңдау (мыналардан таңдаңыз: {choices})</translation>
    </message>
    <message>
        <source>argument {argument}: {message}</source>
        <translation>{argument} аргументі: {message}</translation>
    </message>
    <message>
        <source>as chosen</source>
        <translation>таңдалғандай</translation>
    </message>
    <message>
        <source>as the .dbf&apos;s language driver says</source>
        <translation>.dbf тіл драйвері айтқандай</translation>
    </message>
    <message>
        <source>as the file declares</source>
        <translation>файлда көрсетілгендей</translation>
    </message>
    <message>
        <source>as {role} of branch {branch} you cannot change a feature of {shown}</source>
        <translation>{branch} филиалының {role} ретінде сіз {shown} нысанын өзгерте алмайсыз</translation>
    </message>
    <message>
        <source>attachment {sha256}, {name}: {problem}</source>
        <translation>{sha256} тіркемесі, {name}: {problem}</translation>
    </message>
    <message>
        <source>basemap</source>
        <translation>негізгі карта</translation>
    </message>
    <message>
        <source>baytak init NEW.gpkg, then baytak import NEW.gpkg FILE.gpkg --layer LAYER --source-layer THEIRS</source>
        <translation>baytak init NEW.gpkg, содан кейін baytak import NEW.gpkg FILE.gpkg --layer LAYER --source-layer THEIRS</translation>
    </message>
    <message>
        <source>baytak server on http://{host}:{port} ({database}); API docs at /docs</source>
        <translation>baytak server http://{host}:{port} адресінде ({database}); API құжаттамасы /docs бетінде</translation>
    </message>
    <message>
        <source>branch {branch}</source>
        <translation>{branch} филиалының</translation>
    </message>
    <message>
        <source>buffers: write them as GeoJSON here</source>
        <translation>buffers: оларды осында GeoJSON ретінде жазу</translation>
    </message>
    <message>
        <source>build a basemap from an .osm.pbf extract and register it</source>
        <translation>.osm.pbf үзіндісінен негізгі карта құру және оны тіркеу</translation>
    </message>
    <message>
        <source>buildings</source>
        <translation>ғимараттар</translation>
    </message>
    <message>
        <source>built beside it (.ovr)</source>
        <translation>қасында құрылды (.ovr)</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>кіріктірілген</translation>
    </message>
    <message>
        <source>check integrity, schema, journal triggers, spatial index and every feature</source>
        <translation>тұтастықты, схеманы, журнал триггерлерін, кеңістіктік индексті және әр нысанды тексеру</translation>
    </message>
    <message>
        <source>columns X and Y: X is the latitude (northing)</source>
        <translation>X және Y бағандары: X ендік (солтүстік координата)</translation>
    </message>
    <message>
        <source>columns not imported (no field of that name): {columns} (--map-field COLUMN=FIELD imports one)</source>
        <translation>импортталмаған бағандар (осындай аты бар өріс жоқ): {columns} (--map-field COLUMN=FIELD біреуін импорттайды)</translation>
    </message>
    <message>
        <source>columns the store computes itself, not imported: {columns}</source>
        <translation>қойма өзі есептейтін, импортталмаған бағандар: {columns}</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>қосылды</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>қосылуда</translation>
    </message>
    <message>
        <source>contains the character {code} (at position {position}), which text cannot hold; remove it</source>
        <translation>мәтінде болмайтын {code} таңбасы бар ({position}-орында); оны өшіріңіз</translation>
    </message>
    <message>
        <source>coordinates are not finite numbers</source>
        <translation>координаттар шектеулі сандар емес</translation>
    </message>
    <message>
        <source>coordinates outside the world (lon {minx:g}..{maxx:g}, lat {miny:g}..{maxy:g}); longitude must be -180..180 and latitude -90..90 (were they swapped?)</source>
        <translation>координаттар әлемнен тыс (бойлық {minx:g}..{maxx:g}, ендік {miny:g}..{maxy:g}); бойлық -180..180, ендік -90..90 болуы керек (орындары ауысып кетпеді ме?)</translation>
    </message>
    <message>
        <source>coordinator</source>
        <translation>үйлестіруші</translation>
    </message>
    <message>
        <source>create a new store</source>
        <translation>жаңа қойма жасау</translation>
    </message>
    <message>
        <source>curved geometries (type {code}) are not accepted; convert the curves to lines</source>
        <translation>қисық сызықты геометриялар ({code} түрі) қабылданбайды; доғаларды сынық сызықтарға айналдырыңыз</translation>
    </message>
    <message>
        <source>data directory (default: the user data dir + /baytak-server); holds server.sqlite</source>
        <translation>деректер қалтасы (әдепкісі: пайдаланушы деректер қалтасы + /baytak-server); server.sqlite осында</translation>
    </message>
    <message>
        <source>demo</source>
        <translation>демо</translation>
    </message>
    <message>
        <source>disable an account: its tokens stop working at once</source>
        <translation>тіркелгіні өшіру: оның токендері бірден жұмыс істемейді</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>өшірілген</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>байланыс үзілді</translation>
    </message>
    <message>
        <source>distance in kilometres, geodesic (default 10)</source>
        <translation>қашықтық километрмен, геодезиялық (әдепкісі 10)</translation>
    </message>
    <message>
        <source>do not ask the sync server for the full history</source>
        <translation>толық тарихты синхрондау серверінен сұрамау</translation>
    </message>
    <message>
        <source>drone and satellite images referenced by the store (not synced)</source>
        <translation>қойма сілтеме жасайтын дрон және спутник суреттері (синхрондалмайды)</translation>
    </message>
    <message>
        <source>drop corners within M metres of the line</source>
        <translation>сызықтан M метр ішіндегі бұрыштарды алып тастау</translation>
    </message>
    <message>
        <source>editor</source>
        <translation>редактор</translation>
    </message>
    <message>
        <source>enable a disabled account again</source>
        <translation>өшірілген тіркелгіні қайта қосу</translation>
    </message>
    <message>
        <source>error</source>
        <translation>қате</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>қате: {message}</translation>
    </message>
    <message>
        <source>export</source>
        <translation>экспорт</translation>
    </message>
    <message>
        <source>export a layer to a file; the format comes from the extension</source>
        <translation>қабатты файлға экспорттау; пішім кеңейтуден анықталады</translation>
    </message>
    <message>
        <source>field {name} cannot become required: features recorded without it would be refused. Keep it optional</source>
        <translation>{name} өрісін міндетті ету мүмкін емес: онсыз жазылған нысандар қабылданбай қалады. Оны міндетті емес күйінде қалдырыңыз</translation>
    </message>
    <message>
        <source>field {name} cannot start refusing future dates: dates already recorded may be</source>
        <translation>{name} өрісі болашақ күндерді енді қабылдамай қоя алмайды: жазылып қойған күндер солай болуы мүмкін</translation>
    </message>
    <message>
        <source>field {name} is missing: a field cannot be removed or renamed, the values recorded in it would be lost. Keep it and mark it &quot;deprecated&quot;: true (hidden in forms, kept in the data); add a new field for a new name</source>
        <translation>{name} өрісі жоқ: өрісті жоюға немесе атын өзгертуге болмайды, оған жазылған мәндер жоғалады. Оны қалдырып, &quot;deprecated&quot;: true деп белгілеңіз (пішіндерде жасырылады, деректерде сақталады); жаңа атау үшін жаңа өріс қосыңыз</translation>
    </message>
    <message>
        <source>field {name}: a new field cannot be required, as the features already recorded have no value for it: publish it without &quot;required&quot;</source>
        <translation>{name} өрісі: жаңа өріс міндетті бола алмайды, өйткені бұрын жазылған нысандарда оның мәні жоқ: оны &quot;required&quot; белгісінсіз жариялаңыз</translation>
    </message>
    <message>
        <source>field {name}: a vocabulary cannot be added to or taken from a field that exists: add a new field and mark this one &quot;deprecated&quot;: true</source>
        <translation>{name} өрісі: бар өріске сөздік қосуға немесе одан алып тастауға болмайды: жаңа өріс қосып, мұны &quot;deprecated&quot;: true деп белгілеңіз</translation>
    </message>
    <message>
        <source>field {name}: the code {code} is missing: a code cannot be removed, features may hold it. Keep it and mark it &quot;deprecated&quot;: true</source>
        <translation>{name} өрісі: {code} коды жоқ: кодты жоюға болмайды, оны нысандар сақтап тұруы мүмкін. Оны қалдырып, &quot;deprecated&quot;: true деп белгілеңіз</translation>
    </message>
    <message>
        <source>field {name}: the type cannot change from {old} to {new}: add a new {new} field and mark this one &quot;deprecated&quot;: true</source>
        <translation>{name} өрісі: түрін {old} түрінен {new} түріне өзгертуге болмайды: {new} түрлі жаңа өріс қосып, мұны &quot;deprecated&quot;: true деп белгілеңіз</translation>
    </message>
    <message>
        <source>field {name}: the vocabulary name branch belongs to every layer; choose another</source>
        <translation>{name} өрісі: branch сөздік атауы барлық қабатқа тиесілі; басқасын таңдаңыз</translation>
    </message>
    <message>
        <source>field {name}: the vocabulary name {vocabulary} belongs to the layer {other}; choose another</source>
        <translation>{name} өрісі: {vocabulary} сөздік атауы {other} қабатына тиесілі; басқасын таңдаңыз</translation>
    </message>
    <message>
        <source>field {name}: the {limit} can only be relaxed, never tightened: values recorded under the old limit would be refused. Keep the old limit</source>
        <translation>{name} өрісі: {limit} шегін тек кеңейтуге болады, тарылтуға болмайды: ескі шек бойынша жазылған мәндер қабылданбай қалады. Ескі шекті қалдырыңыз</translation>
    </message>
    <message>
        <source>field {name}: vocabulary_name cannot change</source>
        <translation>{name} өрісі: vocabulary_name өзгермейді</translation>
    </message>
    <message>
        <source>field {name}: what it is derived from cannot change</source>
        <translation>{name} өрісі: неден есептелетіні өзгермейді</translation>
    </message>
    <message>
        <source>fields: the field {name} is defined {count} times</source>
        <translation>fields: {name} өрісі {count} рет анықталған</translation>
    </message>
    <message>
        <source>fill it with the demo data (illustrative positions)</source>
        <translation>оны демо деректермен толтыру (орындары шамамен)</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>аяқталды</translation>
    </message>
    <message>
        <source>fix</source>
        <translation>орын анықталды</translation>
    </message>
    <message>
        <source>fixed: {finding}</source>
        <translation>түзетілді: {finding}</translation>
    </message>
    <message>
        <source>flag a photo whose EXIF date is more than DAYS days from the site&apos;s observation date, 0 or more (the app&apos;s setting evidence/max_days; default {default})</source>
        <translation>EXIF күні нысанның бақылау күнінен DAYS күннен артық алшақ фотоны белгілеу, 0 немесе одан көп (қолданбаның evidence/max_days баптауы; әдепкісі {default})</translation>
    </message>
    <message>
        <source>flag a photo whose EXIF position is farther than KM kilometres from the site, 0 or more (the app&apos;s setting evidence/max_distance_km; default {default})</source>
        <translation>EXIF орны нысаннан KM километрден алыс фотоны белгілеу, 0 немесе одан көп (қолданбаның evidence/max_distance_km баптауы; әдепкісі {default})</translation>
    </message>
    <message>
        <source>forests and land use</source>
        <translation>ормандар мен жер пайдалану</translation>
    </message>
    <message>
        <source>geodesic analyses: proximity, per-branch summary, areas, buffers</source>
        <translation>геодезиялық талдау: жақындық, филиалдар бойынша қорытынды, аудандар, буферлер</translation>
    </message>
    <message>
        <source>give FIELD the value VALUE where the file has none, e.g. --set status=closed (repeatable)</source>
        <translation>файлда мәні жоқ FIELD өрісіне VALUE мәнін беру, мысалы --set status=closed (қайталауға болады)</translation>
    </message>
    <message>
        <source>give up after S seconds (default 120)</source>
        <translation>S секундтан кейін тоқтау (әдепкісі 120)</translation>
    </message>
    <message>
        <source>go on in an existing file, as a new segment</source>
        <translation>бар файлда жаңа сегмент ретінде жалғастыру</translation>
    </message>
    <message>
        <source>gpsd did not answer for {seconds:.0f} s</source>
        <translation>gpsd {seconds:.0f} с бойы жауап бермеді</translation>
    </message>
    <message>
        <source>gpsd, serial:///dev/ttyUSB0[?baud=N], tcp://HOST:PORT, udp://[HOST]:PORT or a log file</source>
        <translation>gpsd, serial:///dev/ttyUSB0[?baud=N], tcp://HOST:PORT, udp://[HOST]:PORT немесе журнал файлы</translation>
    </message>
    <message>
        <source>how many fixes to average (default 10)</source>
        <translation>орташаланатын фикс саны (әдепкісі 10)</translation>
    </message>
    <message>
        <source>imagery</source>
        <translation>суреттер</translation>
    </message>
    <message>
        <source>import</source>
        <translation>импорт</translation>
    </message>
    <message>
        <source>import a file (GeoJSON, Shapefile, DBF, KML, GPX, CSV, GeoPackage) into a layer</source>
        <translation>файлды (GeoJSON, Shapefile, DBF, KML, GPX, CSV, GeoPackage) қабатқа импорттау</translation>
    </message>
    <message>
        <source>import the valid rows and report the others</source>
        <translation>дұрыс жолдарды импорттап, қалғандары туралы хабарлау</translation>
    </message>
    <message>
        <source>in the file</source>
        <translation>файлдың ішінде</translation>
    </message>
    <message>
        <source>in {file}.ovr (the image&apos;s folder is read-only)</source>
        <translation>{file}.ovr ішінде (суреттің қалтасы тек оқуға арналған)</translation>
    </message>
    <message>
        <source>interrupted; the store is as it was before this command</source>
        <translation>үзілді; қойма осы командаға дейінгідей қалды</translation>
    </message>
    <message>
        <source>invalid geometry: {reason}</source>
        <translation>жарамсыз геометрия: {reason}</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>міндетті өріс</translation>
    </message>
    <message>
        <source>is {length} characters long; at least {limit} are needed</source>
        <translation>ұзындығы {length} таңба; кемінде {limit} таңба қажет</translation>
    </message>
    <message>
        <source>is {length} characters long; at most {limit} are allowed</source>
        <translation>ұзындығы {length} таңба; ең көбі {limit} таңбаға рұқсат етіледі</translation>
    </message>
    <message>
        <source>it cannot be opened: its folder is missing, or you have no permission to read it</source>
        <translation>оны ашу мүмкін емес: оның қалтасы жоқ немесе оны оқуға рұқсатыңыз жоқ</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>бұл қалта</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>бұл файл емес, қалта</translation>
    </message>
    <message>
        <source>it is an SQLite database without the GeoPackage mark</source>
        <translation>бұл GeoPackage белгісі жоқ SQLite дерекқоры</translation>
    </message>
    <message>
        <source>it is damaged (a copy or download that did not finish?); copy it again or restore a backup</source>
        <translation>ол бүлінген (көшіру не жүктеу аяқталмаған болар?); оны қайта көшіріңіз немесе сақтық көшірмеден қалпына келтіріңіз</translation>
    </message>
    <message>
        <source>it is not an SQLite database (or it is encrypted or damaged)</source>
        <translation>бұл SQLite дерекқоры емес (немесе ол шифрланған не бүлінген)</translation>
    </message>
    <message>
        <source>its folder is read-only (SQLite needs to write its journal there)</source>
        <translation>оның қалтасы тек оқуға арналған (SQLite өз журналын сонда жазуы керек)</translation>
    </message>
    <message>
        <source>journal trigger {name} is missing or altered: edits would not sync (open the store with baytak to reinstall it and catch up the edits)</source>
        <translation>{name} журнал триггері жоқ немесе өзгертілген: өзгерістер синхрондалмайды (триггерді қайта орнату және өзгерістерді қуып жету үшін қойманы baytak-пен ашыңыз)</translation>
    </message>
    <message>
        <source>keep only this area (degrees, WGS 84)</source>
        <translation>тек осы аумақты қалдыру (градус, WGS 84)</translation>
    </message>
    <message>
        <source>layer {layer} has no field {name!r}</source>
        <translation>{layer} қабатында {name!r} өрісі жоқ</translation>
    </message>
    <message>
        <source>layer {layer} takes {allowed} geometries, not {kind}</source>
        <translation>{layer} қабаты {allowed} геометрияларын қабылдайды, {kind} емес</translation>
    </message>
    <message>
        <source>layer {name} is missing from gpkg_contents</source>
        <translation>{name} қабаты gpkg_contents ішінде жоқ</translation>
    </message>
    <message>
        <source>list the accounts</source>
        <translation>тіркелгілерді тізу</translation>
    </message>
    <message>
        <source>list the basemaps registered with the store</source>
        <translation>қоймада тіркелген негізгі карталарды тізу</translation>
    </message>
    <message>
        <source>list the images registered with the store</source>
        <translation>қоймада тіркелген суреттерді тізу</translation>
    </message>
    <message>
        <source>list the layers (built-in and published) with their feature counts</source>
        <translation>қабаттарды (кіріктірілген және жарияланған) нысан санымен тізу</translation>
    </message>
    <message>
        <source>list the local changes not yet synced</source>
        <translation>әлі синхрондалмаған жергілікті өзгерістерді тізу</translation>
    </message>
    <message>
        <source>list the serial ports; --probe finds the speed of each</source>
        <translation>сериялық порттарды тізу; --probe әрқайсысының жылдамдығын табады</translation>
    </message>
    <message>
        <source>list the sync conflicts not resolved yet</source>
        <translation>әлі шешілмеген синхрондау қайшылықтарын тізу</translation>
    </message>
    <message>
        <source>listen at each usual speed for NMEA</source>
        <translation>NMEA үшін әр әдеттегі жылдамдықта тыңдау</translation>
    </message>
    <message>
        <source>log the site here: a new point at the averaged position</source>
        <translation>нысанды осында тіркеу: орташаланған орындағы жаңа нүкте</translation>
    </message>
    <message>
        <source>make a map exhibit: an offline web map (.html) or a print layout (.pdf .png .svg)</source>
        <translation>карта көрмесін жасау: желісіз веб-карта (.html) немесе баспа макеті (.pdf .png .svg)</translation>
    </message>
    <message>
        <source>mine: the value of the person who made the conflicting edit; theirs: the server&apos;s</source>
        <translation>mine: қайшылықты түзетуді жасаған адамның мәні; theirs: сервердікі</translation>
    </message>
    <message>
        <source>must be at least {limit}</source>
        <translation>кемінде {limit} болуы керек</translation>
    </message>
    <message>
        <source>must be at most {limit}</source>
        <translation>ең көбі {limit} болуы керек</translation>
    </message>
    <message>
        <source>must be less than {limit}</source>
        <translation>{limit} мәнінен кіші болуы керек</translation>
    </message>
    <message>
        <source>must be more than {limit}</source>
        <translation>{limit} мәнінен үлкен болуы керек</translation>
    </message>
    <message>
        <source>name: {name} is a name the program keeps for itself; choose another</source>
        <translation>name: {name} — бағдарлама өзіне сақтайтын атау; басқасын таңдаңыз</translation>
    </message>
    <message>
        <source>no NMEA</source>
        <translation>NMEA жоқ</translation>
    </message>
    <message>
        <source>no NMEA from {port} at any usual speed</source>
        <translation>{port} портынан әдеттегі жылдамдықтардың ешқайсысында NMEA келмеді</translation>
    </message>
    <message>
        <source>no NMEA sentence for {seconds:.0f} s</source>
        <translation>{seconds:.0f} с бойы бірде-бір NMEA сөйлемі келмеді</translation>
    </message>
    <message>
        <source>no branch</source>
        <translation>филиалы жоқ</translation>
    </message>
    <message>
        <source>no fix</source>
        <translation>орын әлі анықталмады</translation>
    </message>
    <message>
        <source>none</source>
        <translation>жоқ</translation>
    </message>
    <message>
        <source>not JSON: a mistake at line {line}, column {column}</source>
        <translation>JSON емес: {line}-жолда, {column}-бағанда қате бар</translation>
    </message>
    <message>
        <source>not JSON: {reason} (line {line}, column {column})</source>
        <translation>JSON емес: {reason} ({line}-жол, {column}-баған)</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>қажет емес</translation>
    </message>
    <message>
        <source>notes line: {note}</source>
        <translation>жазбалар жолы: {note}</translation>
    </message>
    <message>
        <source>offline basemaps built from OpenStreetMap extracts (not synced)</source>
        <translation>OpenStreetMap үзінділерінен құрылған желісіз негізгі карталар (синхрондалмайды)</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ақаулар жоқ</translation>
    </message>
    <message>
        <source>only administrators read the audit log</source>
        <translation>аудит журналын тек әкімшілер оқиды</translation>
    </message>
    <message>
        <source>only check the file against the server&apos;s layers</source>
        <translation>файлды тек сервердегі қабаттармен салыстырып тексеру</translation>
    </message>
    <message>
        <source>only coordinators and admins plan cleanups</source>
        <translation>тазалауды тек үйлестірушілер мен әкімшілер жоспарлайды</translation>
    </message>
    <message>
        <source>only coordinators and admins review features</source>
        <translation>нысандарды тек үйлестірушілер мен әкімшілер тексереді</translation>
    </message>
    <message>
        <source>only these layers (default: every layer with features)</source>
        <translation>тек осы қабаттар (әдепкісі: нысаны бар әр қабат)</translation>
    </message>
    <message>
        <source>only this layer</source>
        <translation>тек осы қабат</translation>
    </message>
    <message>
        <source>options</source>
        <translation>опциялар</translation>
    </message>
    <message>
        <source>or use --skip-invalid to import the valid rows</source>
        <translation>немесе дұрыс жолдарды импорттау үшін --skip-invalid қолданыңыз</translation>
    </message>
    <message>
        <source>output file (.geojson .gpkg .shp .zip .kml .csv)</source>
        <translation>шығыс файлы (.geojson .gpkg .shp .zip .kml .csv)</translation>
    </message>
    <message>
        <source>overwrite an existing file</source>
        <translation>бар файлды қайта жазу</translation>
    </message>
    <message>
        <source>port (default {port})</source>
        <translation>порт (әдепкісі {port})</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>позициялық аргументтер</translation>
    </message>
    <message>
        <source>postgresql://user:pass@host/db for PostgreSQL + PostGIS (default: SQLite in --data)</source>
        <translation>PostgreSQL + PostGIS үшін postgresql://user:pass@host/db (әдепкісі: --data ішіндегі SQLite)</translation>
    </message>
    <message>
        <source>print a layer&apos;s definition as the server has it (JSON)</source>
        <translation>қабаттың сервердегі анықтамасын шығару (JSON)</translation>
    </message>
    <message>
        <source>print each fix and every change of state</source>
        <translation>әр фиксті және күйдің әр өзгерісін шығару</translation>
    </message>
    <message>
        <source>print layouts: A4, A3, A2 or A1 (default A4)</source>
        <translation>баспа макеттері: A4, A3, A2 немесе A1 (әдепкісі A4)</translation>
    </message>
    <message>
        <source>print layouts: a line under the title</source>
        <translation>баспа макеттері: тақырып астындағы жол</translation>
    </message>
    <message>
        <source>print layouts: landscape page</source>
        <translation>баспа макеттері: көлденең бет</translation>
    </message>
    <message>
        <source>print layouts: resolution (default 300)</source>
        <translation>баспа макеттері: ажыратымдылық (әдепкісі 300)</translation>
    </message>
    <message>
        <source>print layouts: the author printed on the page</source>
        <translation>баспа макеттері: бетте басылатын автор</translation>
    </message>
    <message>
        <source>print layouts: the date printed (default today), e.g. 2025-06-30</source>
        <translation>баспа макеттері: басылатын күн (әдепкісі бүгін), мысалы 2025-06-30</translation>
    </message>
    <message>
        <source>print machine-readable JSON</source>
        <translation>машина оқитын JSON шығару</translation>
    </message>
    <message>
        <source>process {pid}</source>
        <translation>{pid} процесі</translation>
    </message>
    <message>
        <source>protected areas</source>
        <translation>қорғалатын аумақтар</translation>
    </message>
    <message>
        <source>proximity/buffers: the layer measured from (default sewage_outflows)</source>
        <translation>proximity/buffers: өлшеу басталатын қабат (әдепкісі sewage_outflows)</translation>
    </message>
    <message>
        <source>proximity: sites within N km of each other; summary: per branch; areas: water by year and polygon layers; buffers: N km around features</source>
        <translation>proximity: бір-бірінен N км ішіндегі нысандар; summary: филиалдар бойынша; areas: жылдар бойынша су және көпбұрыш қабаттары; buffers: нысандар айналасында N км</translation>
    </message>
    <message>
        <source>proximity: the layer, places (the basemap&apos;s towns) or osm_places (the villages of the store&apos;s OpenStreetMap basemaps), measured to (default places)</source>
        <translation>proximity: өлшенетін қабат, places (негізгі картаның қалалары) немесе osm_places (қойманың OpenStreetMap негізгі карталарының ауылдары) (әдепкісі places)</translation>
    </message>
    <message>
        <source>publish a layer definition (a new layer, or additions to one); every device gets it at its next sync</source>
        <translation>қабат анықтамасын жариялау (жаңа қабат немесе оған толықтырулар); әр құрылғы оны келесі синхрондауда алады</translation>
    </message>
    <message>
        <source>publish layer definitions; list the server&apos;s layers</source>
        <translation>қабат анықтамаларын жариялау; сервердің қабаттарын тізу</translation>
    </message>
    <message>
        <source>quarry area: </source>
        <translation>карьер ауданы: </translation>
    </message>
    <message>
        <source>railways</source>
        <translation>темір жолдар</translation>
    </message>
    <message>
        <source>read sheet {layer!r}, its column names from row {line}; row numbers count from the row below them</source>
        <translation>{layer!r} парағы оқылды, баған атаулары {line}-жолдан алынды; жол нөмірлері олардың астындағы жолдан саналады</translation>
    </message>
    <message>
        <source>read the password from standard input</source>
        <translation>құпиясөзді стандартты кірістен оқу</translation>
    </message>
    <message>
        <source>read the password from the first line of stdin</source>
        <translation>құпиясөзді stdin-нің бірінші жолынан оқу</translation>
    </message>
    <message>
        <source>receiver&apos;s error: ±{error} m ({basis})</source>
        <translation>қабылдағыш қателігі: ±{error} м ({basis})</translation>
    </message>
    <message>
        <source>record a track to a GPX file, written as it goes (Ctrl-C stops)</source>
        <translation>тректі GPX файлына жазу, жүріп келе жатқанда жазылады (Ctrl-C тоқтатады)</translation>
    </message>
    <message>
        <source>refused  {layer} {uuid}: {message} ({code})</source>
        <translation>қабылданбады  {layer} {uuid}: {message} ({code})</translation>
    </message>
    <message>
        <source>register an image (GeoTIFF, COG, JPEG 2000, ...) and build overviews</source>
        <translation>суретті (GeoTIFF, COG, JPEG 2000, ...) тіркеу және шолуларды құру</translation>
    </message>
    <message>
        <source>rejected: {problem}</source>
        <translation>қабылданбады: {problem}</translation>
    </message>
    <message>
        <source>repair what can be repaired (labels, date spellings, geometry types, stale areas, triggers, index) as journaled edits, then list what remains</source>
        <translation>түзетуге болатынды түзету (белгілер, күн жазылуы, геометрия түрлері, ескірген аудандар, триггерлер, индекс) журналға жазылатын өзгерістер ретінде, содан кейін қалғанын тізу</translation>
    </message>
    <message>
        <source>replace OUT if it exists (in a GeoPackage: only the layer of that name); a store is never replaced</source>
        <translation>OUT бар болса, ауыстыру (GeoPackage ішінде: тек сол аттас қабатты); қойма ешқашан ауыстырылмайды</translation>
    </message>
    <message>
        <source>reporter</source>
        <translation>хабарлаушы</translation>
    </message>
    <message>
        <source>resolve</source>
        <translation>шешу</translation>
    </message>
    <message>
        <source>resolve a sync conflict on the server, then get the result</source>
        <translation>синхрондау қайшылығын серверде шешу, содан кейін нәтижені алу</translation>
    </message>
    <message>
        <source>resolved ones too</source>
        <translation>шешілгендерін де</translation>
    </message>
    <message>
        <source>revision {revision}</source>
        <translation>нұсқа {revision}</translation>
    </message>
    <message>
        <source>revision {revision}: {layer}, by {author}, {when}</source>
        <translation>нұсқа {revision}: {layer}, жариялаған {author}, {when}</translation>
    </message>
    <message>
        <source>revoke the tokens of one user, or all tokens</source>
        <translation>бір пайдаланушының немесе барлық токендерді жою</translation>
    </message>
    <message>
        <source>revoke tokens</source>
        <translation>токендерді жою</translation>
    </message>
    <message>
        <source>rivers and streams</source>
        <translation>өзендер мен бұлақтар</translation>
    </message>
    <message>
        <source>roads</source>
        <translation>жолдар</translation>
    </message>
    <message>
        <source>run the central sync server, manage its accounts</source>
        <translation>орталық синхрондау серверін іске қосу, оның тіркелгілерін басқару</translation>
    </message>
    <message>
        <source>schema version {version}, expected {expected}: open the store with baytak once to migrate it</source>
        <translation>схема нұсқасы {version}, күтілгені {expected}: көшіру үшін қойманы baytak-пен бір рет ашыңыз</translation>
    </message>
    <message>
        <source>send an NMEA log as a receiver would, by TCP or UDP</source>
        <translation>NMEA журналын қабылдағыш сияқты TCP немесе UDP арқылы жіберу</translation>
    </message>
    <message>
        <source>send it as datagrams to HOST:PORT</source>
        <translation>оны HOST:PORT адресіне датаграммалар ретінде жіберу</translation>
    </message>
    <message>
        <source>send the local edits to the server, then get everything new from it</source>
        <translation>жергілікті өзгерістерді серверге жіберіп, содан кейін ондағы барлық жаңаны алу</translation>
    </message>
    <message>
        <source>serve it to TCP clients on this port</source>
        <translation>оны осы порттағы TCP клиенттеріне беру</translation>
    </message>
    <message>
        <source>settlements and places</source>
        <translation>елді мекендер мен орындар</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>бағдарлама нұсқасын көрсетіп, шығу</translation>
    </message>
    <message>
        <source>show this box, in degrees (default: the layers&apos; extent)</source>
        <translation>осы аумақты көрсету, градуспен (әдепкісі: қабаттардың аумағы)</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>осы анықтаманы көрсетіп, шығу</translation>
    </message>
    <message>
        <source>sign this store in to a Baytak server (the token is kept outside the store)</source>
        <translation>осы қойманы Baytak серверіне кіргізу (токен қоймадан тыс сақталады)</translation>
    </message>
    <message>
        <source>skip fixes closer than M metres</source>
        <translation>M метрден жақын фикстерді өткізіп жіберу</translation>
    </message>
    <message>
        <source>skipped {count} features of another geometry type</source>
        <translation>басқа геометрия түріндегі нысандар өткізілді: {count}</translation>
    </message>
    <message>
        <source>spatial index has {indexed} entries for {stored} geometries</source>
        <translation>кеңістіктік индексте {stored} геометрияға {indexed} жазба бар</translation>
    </message>
    <message>
        <source>spatial index triggers {names} are not the store&apos;s (another program rewrote them)</source>
        <translation>{names} кеңістіктік индекс триггерлері қойманікі емес (оларды басқа бағдарлама қайта жазған)</translation>
    </message>
    <message>
        <source>spread: 2DRMS {drms} m (sd north {north} m, east {east} m), farthest fix {farthest} m</source>
        <translation>шашырау: 2DRMS {drms} м (солтүстік бойынша sd {north} м, шығыс бойынша {east} м), ең алыс фикс {farthest} м</translation>
    </message>
    <message>
        <source>stand still: average N fixes, print the position and its spread</source>
        <translation>қозғалмай тұрыңыз: N фиксті орташалап, орын мен шашырауды шығару</translation>
    </message>
    <message>
        <source>start again at the end</source>
        <translation>соңына жеткенде қайта бастау</translation>
    </message>
    <message>
        <source>stop after N fixes</source>
        <translation>N фикстен кейін тоқтау</translation>
    </message>
    <message>
        <source>stop after S seconds</source>
        <translation>S секундтан кейін тоқтау</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>тоқтатылды</translation>
    </message>
    <message>
        <source>style.categorized_by: {name} is not a field of this layer with a vocabulary</source>
        <translation>style.categorized_by: {name} — бұл қабаттың сөздігі бар өрісі емес</translation>
    </message>
    <message>
        <source>style.colors: colours per code need categorized_by</source>
        <translation>style.colors: әр кодқа түс беру үшін categorized_by қажет</translation>
    </message>
    <message>
        <source>style.colors: {code} is not a code of {name}</source>
        <translation>style.colors: {code} — {name} өрісінің коды емес</translation>
    </message>
    <message>
        <source>style.label_field: there is no field {name}</source>
        <translation>style.label_field: {name} өрісі жоқ</translation>
    </message>
    <message>
        <source>style.{key}: only a line layer has line patterns and widths per code</source>
        <translation>style.{key}: сызық түрі мен әр кодтың қалыңдығы тек сызықтық қабатта болады</translation>
    </message>
    <message>
        <source>style.{key}: values per code need categorized_by</source>
        <translation>style.{key}: әр кодқа мән беру үшін categorized_by қажет</translation>
    </message>
    <message>
        <source>style.{key}: {code} is not a code of {name}</source>
        <translation>style.{key}: {code} — {name} өрісінің коды емес</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>синхрондау</translation>
    </message>
    <message>
        <source>take the layer field DST from the file column SRC (repeatable)</source>
        <translation>қабаттың DST өрісін файлдың SRC бағанынан алу (қайталауға болады)</translation>
    </message>
    <message>
        <source>the GPX file to write</source>
        <translation>жазылатын GPX файлы</translation>
    </message>
    <message>
        <source>the GPX file with the track</source>
        <translation>трегі бар GPX файлы</translation>
    </message>
    <message>
        <source>the NMEA log</source>
        <translation>NMEA журналы</translation>
    </message>
    <message>
        <source>the OpenStreetMap extract</source>
        <translation>OpenStreetMap үзіндісі</translation>
    </message>
    <message>
        <source>the PDF to write</source>
        <translation>жазылатын PDF</translation>
    </message>
    <message>
        <source>the administrator publishing it (default: who runs the command)</source>
        <translation>оны жариялайтын әкімші (әдепкісі: команданы іске қосқан адам)</translation>
    </message>
    <message>
        <source>the base value {problem}</source>
        <translation>бастапқы мәні: {problem}</translation>
    </message>
    <message>
        <source>the branch code (required for reporter, editor, coordinator)</source>
        <translation>филиал коды (reporter, editor, coordinator үшін міндетті)</translation>
    </message>
    <message>
        <source>the cell is empty; a WKT geometry is needed</source>
        <translation>ұяшық бос; WKT геометриясы керек</translation>
    </message>
    <message>
        <source>the cell is empty; a coordinate is needed</source>
        <translation>ұяшық бос; координата керек</translation>
    </message>
    <message>
        <source>the conflict id, as baytak conflicts lists it</source>
        <translation>қайшылық id-і, baytak conflicts тізгендей</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>байланыс жабылды</translation>
    </message>
    <message>
        <source>the coordinate system is not one PROJ knows; use a standard one, such as EPSG:4326 or a UTM zone</source>
        <translation>бұл координаттар жүйесін PROJ білмейді; стандартты жүйені алыңыз, мысалы EPSG:4326 немесе UTM аймағы</translation>
    </message>
    <message>
        <source>the coordinate system of an image placed by a world file (.jgw, .tfw), which names none</source>
        <translation>әлем файлымен (.jgw, .tfw) орналастырылған, координаттар жүйесін атамайтын суреттің координаттар жүйесі</translation>
    </message>
    <message>
        <source>the coordinates fall outside longitude -180..180 / latitude -90..90 (x {minx}..{maxx}, y {miny}..{maxy})</source>
        <translation>координаталар бойлық -180..180 / ендік -90..90 шегінен тыс (x {minx}..{maxx}, y {miny}..{maxy})</translation>
    </message>
    <message>
        <source>the date {raw!r} is not written as YYYY-MM-DD (GDAL and QGIS read it as empty)</source>
        <translation>{raw!r} күні YYYY-MM-DD түрінде жазылмаған (GDAL мен QGIS оны бос деп оқиды)</translation>
    </message>
    <message>
        <source>the disk is full; free some space, then try again</source>
        <translation>диск толып қалған; орын босатып, қайталап көріңіз</translation>
    </message>
    <message>
        <source>the disk it is on is read-only; copy it somewhere you may write</source>
        <translation>ол тұрған диск тек оқуға арналған; оны жазуға болатын жерге көшіріңіз</translation>
    </message>
    <message>
        <source>the disk or network folder it is on failed while reading or writing it; check that it is still connected, then try again</source>
        <translation>ол тұрған диск немесе желілік қалта оқу не жазу кезінде істен шықты; оның әлі қосулы екенін тексеріп, қайталап көріңіз</translation>
    </message>
    <message>
        <source>the exhibit&apos;s title</source>
        <translation>көрменің тақырыбы</translation>
    </message>
    <message>
        <source>the feature has no geometry</source>
        <translation>нысанның геометриясы жоқ</translation>
    </message>
    <message>
        <source>the feature lies outside Kazakhstan and its neighbours (lon {lon:.4f}, lat {lat:.4f}); check that latitude and longitude are not swapped</source>
        <translation>нысан Қазақстан мен көрші елдерден тыс жатыр (бойлық {lon:.4f}, ендік {lat:.4f}); ендік пен бойлықтың орындары ауыспағанын тексеріңіз</translation>
    </message>
    <message>
        <source>the feature {uuid} was not exported: its geometry cannot be read ({reason})</source>
        <translation>{uuid} нысаны экспортталмады: оның геометриясын оқу мүмкін емес ({reason})</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>файл жоқ</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>файл бос</translation>
    </message>
    <message>
        <source>the file is read-only</source>
        <translation>файл тек оқуға арналған</translation>
    </message>
    <message>
        <source>the file or folder was not found; check that it is still where it was</source>
        <translation>файл немесе қалта табылмады; оның бұрынғы орнында екенін тексеріңіз</translation>
    </message>
    <message>
        <source>the file or its folder is read-only</source>
        <translation>файл немесе оның қалтасы тек оқуға арналған</translation>
    </message>
    <message>
        <source>the file or its folder is read-only; copy it somewhere you may write, or ask for write access</source>
        <translation>файл немесе оның қалтасы тек оқуға арналған; оны жазуға болатын жерге көшіріңіз немесе жазу рұқсатын сұраңыз</translation>
    </message>
    <message>
        <source>the file to import (.geojson .shp .zip .dbf .kml .gpx .csv .gpkg)</source>
        <translation>импортталатын файл (.geojson .shp .zip .dbf .kml .gpx .csv .gpkg)</translation>
    </message>
    <message>
        <source>the following arguments are required: {arguments}</source>
        <translation>мына аргументтер міндетті: {arguments}</translation>
    </message>
    <message>
        <source>the geometry cannot be read: {reason}</source>
        <translation>геометрияны оқу мүмкін емес: {reason}</translation>
    </message>
    <message>
        <source>the geometry is in the coordinate system EPSG:{srid}; send it in longitude and latitude (EPSG:4326)</source>
        <translation>геометрия EPSG:{srid} координаталар жүйесінде; оны бойлық пен ендікпен (EPSG:4326) жіберіңіз</translation>
    </message>
    <message>
        <source>the geometry is not a GeoPackage geometry blob (SpatiaLite&apos;s or plain WKB, as SQL run in another program writes it): GDAL and QGIS skip it</source>
        <translation>геометрия GeoPackage геометрия блобы емес (басқа бағдарламада орындалған SQL жазатындай SpatiaLite блобы немесе жай WKB): GDAL мен QGIS оны өткізіп жібереді</translation>
    </message>
    <message>
        <source>the geometry is not a GeoPackage geometry blob and cannot be read</source>
        <translation>геометрия GeoPackage геометрия блобы емес және оны оқу мүмкін емес</translation>
    </message>
    <message>
        <source>the geometry is not hex-encoded WKB</source>
        <translation>геометрия он алтылық жүйеде жазылған WKB емес</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB</source>
        <translation>геометрия дұрыс WKB емес</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB of a linear geometry</source>
        <translation>геометрия сызықтық геометрияның дұрыс WKB жазбасы емес</translation>
    </message>
    <message>
        <source>the geometry must be hex-encoded WKB text, not {value}</source>
        <translation>геометрия он алтылық жүйеде жазылған WKB мәтіні болуы керек, {value} емес</translation>
    </message>
    <message>
        <source>the geometry type cannot change from {old} to {new}: publish a new layer for the new kind of geometry</source>
        <translation>геометрия түрін {old} түрінен {new} түріне өзгертуге болмайды: геометрияның жаңа түрі үшін жаңа қабат жариялаңыз</translation>
    </message>
    <message>
        <source>the image; any raster GDAL reads, in any CRS</source>
        <translation>сурет; GDAL оқитын кез келген растр, кез келген координаттар жүйесінде</translation>
    </message>
    <message>
        <source>the language of what baytak says: kk, ru or en (default: the environment&apos;s LANGUAGE, LC_ALL, LC_MESSAGES or LANG, else en); --json output is the same in every language</source>
        <translation>baytak сөйлейтін тіл: kk, ru немесе en (әдепкісі: ортаның LANGUAGE, LC_ALL, LC_MESSAGES немесе LANG айнымалысы, әйтпесе en); --json шығысы барлық тілде бірдей</translation>
    </message>
    <message>
        <source>the layer definition (docs/layer-definitions.md)</source>
        <translation>қабат анықтамасы (docs/layer-definitions.md)</translation>
    </message>
    <message>
        <source>the layer of a GeoPackage/KML/GPX/GML source, or the sheet of an XLSX/ODS, to read</source>
        <translation>GeoPackage/KML/GPX/GML көзінің оқылатын қабаты немесе XLSX/ODS парағы</translation>
    </message>
    <message>
        <source>the layer to export</source>
        <translation>экспортталатын қабат</translation>
    </message>
    <message>
        <source>the layer to import into</source>
        <translation>импорттайтын қабат</translation>
    </message>
    <message>
        <source>the local store (a GeoPackage)</source>
        <translation>жергілікті қойма (GeoPackage)</translation>
    </message>
    <message>
        <source>the number {raw!r} is stored as text</source>
        <translation>{raw!r} саны мәтін ретінде сақталған</translation>
    </message>
    <message>
        <source>the outline crosses itself ({reason}): fix it automatically, or keep editing</source>
        <translation>контур өзін-өзі қиып өтеді ({reason}): оны автоматты түрде түзетіңіз немесе өңдеуді жалғастырыңыз</translation>
    </message>
    <message>
        <source>the polygon ring is not closed: its last point must repeat its first. Close the ring in the source file and import it again</source>
        <translation>көпбұрыш сақинасы тұйықталмаған: соңғы нүктесі біріншісін қайталауы керек. Бастапқы файлда сақинаны тұйықтап, қайта импорттаңыз</translation>
    </message>
    <message>
        <source>the server closed the connection before it answered; try again later</source>
        <translation>сервер жауап бермей тұрып байланысты жапты; кейінірек қайталап көріңіз</translation>
    </message>
    <message>
        <source>the server database cannot be used: {reason}</source>
        <translation>сервер дерекқорын пайдалану мүмкін емес: {reason}</translation>
    </message>
    <message>
        <source>the server did not answer in time (a slow or broken connection?); try again later</source>
        <translation>сервер уақытында жауап бермеді (байланыс баяу не үзілген болар?); кейінірек қайталап көріңіз</translation>
    </message>
    <message>
        <source>the server failed to answer (HTTP {status}); try again later</source>
        <translation>сервер жауап бере алмады (HTTP {status}); кейінірек қайталап көріңіз</translation>
    </message>
    <message>
        <source>the server has no such page (HTTP {status})</source>
        <translation>серверде мұндай бет жоқ (HTTP {status})</translation>
    </message>
    <message>
        <source>the server is busy and asked to wait (HTTP {status})</source>
        <translation>сервер бос емес, күте тұруды сұрады (HTTP {status})</translation>
    </message>
    <message>
        <source>the server refused access (HTTP {status})</source>
        <translation>сервер кіруге рұқсат бермеді (HTTP {status})</translation>
    </message>
    <message>
        <source>the server refused the connection: it is not running there, or the address or port is wrong</source>
        <translation>сервер байланысты қабылдамады: ол онда іске қосылмаған немесе мекенжайы не порты қате</translation>
    </message>
    <message>
        <source>the server refused the request (HTTP {status})</source>
        <translation>сервер сұрауды қабылдамады (HTTP {status})</translation>
    </message>
    <message>
        <source>the server&apos;s layers and the schema revisions published</source>
        <translation>сервердің қабаттары және жарияланған схема нұсқалары</translation>
    </message>
    <message>
        <source>the server, e.g. https://sync.baytak.kz</source>
        <translation>сервер, мысалы https://sync.baytak.kz</translation>
    </message>
    <message>
        <source>the site&apos;s layer (found from the uuid when left out)</source>
        <translation>нысанның қабаты (көрсетілмесе, uuid бойынша табылады)</translation>
    </message>
    <message>
        <source>the site&apos;s uuid</source>
        <translation>нысанның uuid-і</translation>
    </message>
    <message>
        <source>the text encoding of a Shapefile, DBF, CSV, KML/KMZ, GPX or GeoJSON (UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252); by default told from the file</source>
        <translation>Shapefile, DBF, CSV, KML/KMZ, GPX немесе GeoJSON мәтінінің кодталуы (UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252); әдепкісі файлдан анықталады</translation>
    </message>
    <message>
        <source>the text had a NUL character (an invisible control code); it was removed and the rest kept</source>
        <translation>мәтінде NUL таңбасы (көрінбейтін басқару коды) болды; ол алынып тасталды, қалғаны сақталды</translation>
    </message>
    <message>
        <source>the time {raw!r} is not written as ISO 8601</source>
        <translation>{raw!r} уақыты ISO 8601 түрінде жазылмаған</translation>
    </message>
    <message>
        <source>the track&apos;s name in the file</source>
        <translation>файлдағы трек атауы</translation>
    </message>
    <message>
        <source>the uuid {uuid} is also on row {other}: a feature can be in the file once</source>
        <translation>{uuid} uuid-і {other}-жолда да бар: бір нысан файлда бір рет қана болуы мүмкін</translation>
    </message>
    <message>
        <source>the value {value!r} of {field} of the feature {uuid} is not a {kind} and was left empty</source>
        <translation>{uuid} нысанының {field} өрісіндегі {value!r} мәні {kind} емес, сондықтан бос қалдырылды</translation>
    </message>
    <message>
        <source>the yes/no value {raw!r} is not stored as 1 or 0</source>
        <translation>иә/жоқ мәні {raw!r} 1 немесе 0 ретінде сақталмаған</translation>
    </message>
    <message>
        <source>theirs {theirs} | mine {mine} ({author})</source>
        <translation>олардікі {theirs} | менікі {mine} ({author})</translation>
    </message>
    <message>
        <source>there is more after the end of the definition</source>
        <translation>анықтама аяқталғаннан кейін тағы мәтін бар</translation>
    </message>
    <message>
        <source>there is no network, or the server&apos;s name is mistyped</source>
        <translation>желі жоқ немесе сервердің аты қате жазылған</translation>
    </message>
    <message>
        <source>times the recorded pace (default 1), or max</source>
        <translation>жазылған қарқынның неше есесі (әдепкісі 1) немесе max</translation>
    </message>
    <message>
        <source>title.en: the layer {other} has the title {title} already; give this layer another</source>
        <translation>title.en: {other} қабатының атауы {title} болып тұр; бұл қабатқа басқа атау беріңіз</translation>
    </message>
    <message>
        <source>told from the text; --encoding chooses another</source>
        <translation>мәтіннен анықталды; --encoding басқасын таңдайды</translation>
    </message>
    <message>
        <source>trees: {planted} planted ({lost} of them lost), {planned} planned</source>
        <translation>ағаштар: отырғызылды {planted} (оның ішінде жойылды {lost}), жоспарланды {planned}</translation>
    </message>
    <message>
        <source>trying again in {seconds} s</source>
        <translation>{seconds} с кейін қайта әрекет</translation>
    </message>
    <message>
        <source>unrecognized arguments: {arguments}</source>
        <translation>танылмаған аргументтер: {arguments}</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>қолданылуы: </translation>
    </message>
    <message>
        <source>use --encoding NAME (one of UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252)</source>
        <translation>--encoding NAME қолданыңыз (UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252 бірі)</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>қараушы</translation>
    </message>
    <message>
        <source>vocabulary_name {name} is given to different lists of codes</source>
        <translation>{name} vocabulary_name атауы әртүрлі код тізімдеріне берілген</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>ескерту</translation>
    </message>
    <message>
        <source>warning: {message}</source>
        <translation>ескерту: {message}</translation>
    </message>
    <message>
        <source>water bodies</source>
        <translation>су айдындары</translation>
    </message>
    <message>
        <source>web map</source>
        <translation>веб-карта</translation>
    </message>
    <message>
        <source>what changed data, newest first: pushes, resolutions, reviews, account commands, publications</source>
        <translation>деректерді не өзгертті, жаңасы алдымен: жіберулер, шешімдер, тексерулер, тіркелгі командалары, жарияланымдар</translation>
    </message>
    <message>
        <source>when it was taken (orders before/after comparisons)</source>
        <translation>түсірілген уақыты (дейін/кейін салыстыруларды реттейді)</translation>
    </message>
    <message>
        <source>where to write it (default: beside the store, named after it)</source>
        <translation>қайда жазу (әдепкісі: қойманың қасында, соның атымен)</translation>
    </message>
    <message>
        <source>who logged it (created_by)</source>
        <translation>оны кім тіркеді (created_by)</translation>
    </message>
    <message>
        <source>who prepared the dossier (printed on it)</source>
        <translation>досьені кім дайындады (онда басылады)</translation>
    </message>
    <message>
        <source>write the evidence dossier (PDF) of one site: map, attributes, photos with their SHA-256 checked, edit history</source>
        <translation>бір нысанның дәлелдеме досьесін (PDF) жазу: карта, атрибуттар, SHA-256 тексерілген фотолар, өзгерту тарихы</translation>
    </message>
    <message>
        <source>you have no permission for it; ask whoever shared it for access</source>
        <translation>оған рұқсатыңыз жоқ; оны бөліскен адамнан рұқсат сұраңыз</translation>
    </message>
    <message>
        <source>your user name on the server</source>
        <translation>сервердегі пайдаланушы атыңыз</translation>
    </message>
    <message>
        <source>{added} and {removed} list attachments as a push does.</source>
        <translation>{added} және {removed} тіркемелерді жіберудегідей тізімдейді.</translation>
    </message>
    <message>
        <source>{baud} baud</source>
        <translation>{baud} бод</translation>
    </message>
    <message>
        <source>{branch!r} is not a branch code; use one of: {codes}.</source>
        <translation>{branch!r} филиал коды емес; мыналардың бірін қолданыңыз: {codes}.</translation>
    </message>
    <message>
        <source>{count} buffers of {km} around {layer} (--out FILE.geojson writes them)</source>
        <translation>{layer} айналасында {km} буферлер, саны {count} (--out FILE.geojson оларды жазады)</translation>
    </message>
    <message>
        <source>{count} buffers of {km} around {layer} written to {out}</source>
        <translation>{layer} айналасында {km} буферлер, саны {count}, {out} файлына жазылды</translation>
    </message>
    <message>
        <source>{count} categories are too many for a legend (at most {most}).</source>
        <translation>{count} санат шартты белгілер үшін тым көп (ең көбі {most}).</translation>
    </message>
    <message>
        <source>{count} demo feature(s) were not sent: demo data is illustrative and never goes to the server. Delete them from this store.</source>
        <translation>Жіберілмеген демо нысандар: {count}; демо деректер шамамен алынған және серверге ешқашан жіберілмейді. Оларды осы қоймадан жойыңыз.</translation>
    </message>
    <message>
        <source>{count} edit(s) not sent: the server would refuse their values; see why: baytak conflicts {store}</source>
        <translation>Жіберілмеген өзгерістер: {count}; сервер олардың мәндерін қабылдамас еді; себебін көру: baytak conflicts {store}</translation>
    </message>
    <message>
        <source>{count} error(s)</source>
        <translation>Қателер: {count}</translation>
    </message>
    <message>
        <source>{count} error(s), {fixable} repairable with --fix</source>
        <translation>Қателер: {count}, оның ішінде --fix арқылы түзетуге болады: {fixable}</translation>
    </message>
    <message>
        <source>{count} features</source>
        <translation>нысан саны: {count}</translation>
    </message>
    <message>
        <source>{count} fields</source>
        <translation>өріс саны: {count}</translation>
    </message>
    <message>
        <source>{count} open conflict(s): baytak conflicts {store}</source>
        <translation>Ашық қайшылықтар: {count}; baytak conflicts {store}</translation>
    </message>
    <message>
        <source>{crs} is not a coordinate system: write it as an EPSG code, like EPSG:32643.</source>
        <translation>{crs} координаттар жүйесі емес: оны EPSG кодымен жазыңыз, мысалы EPSG:32643.</translation>
    </message>
    <message>
        <source>{dpi} dpi is out of range: use {low} to {high}.</source>
        <translation>{dpi} dpi рұқсат етілген аралықтан тыс: {low}–{high} қолданыңыз.</translation>
    </message>
    <message>
        <source>{encoding} is not a text encoding baytak knows. Use one of: {known}</source>
        <translation>{encoding} — baytak білмейтін мәтін кодтауы. Мыналардың бірін қолданыңыз: {known}</translation>
    </message>
    <message>
        <source>{file} already exists: choose another name, or replace it</source>
        <translation>{file} бұрыннан бар: басқа атау таңдаңыз немесе оны ауыстырыңыз</translation>
    </message>
    <message>
        <source>{file} already has a layer {layer}: choose another file, or replace that layer</source>
        <translation>{file} ішінде {layer} қабаты бұрыннан бар: басқа файл таңдаңыз немесе сол қабатты ауыстырыңыз</translation>
    </message>
    <message>
        <source>{file} cannot be opened: you have no permission to read it. Copy it into a folder of yours, or ask whoever shared it for read access ({library}: {detail})</source>
        <translation>{file} ашылмады: оны оқуға рұқсатыңыз жоқ. Оны өз қалтаңызға көшіріңіз немесе бөліскен адамнан оқу рұқсатын сұраңыз ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} cannot be written: its folder does not let you write in it (no permission, or a read-only disk or share). Choose a folder of yours ({library}: {detail})</source>
        <translation>{file} жазылмады: оның қалтасына жазуға болмайды (рұқсат жоқ, не диск немесе ортақ қалта тек оқуға арналған). Өз қалтаңызды таңдаңыз ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} cannot be written: the disk is full. Free some space, or choose another disk ({library}: {detail})</source>
        <translation>{file} жазылмады: диск толы. Орын босатыңыз немесе басқа дискіні таңдаңыз ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} contains no shapefile (.shp) or MapInfo table (.tab)</source>
        <translation>{file} ішінде шейп-файл (.shp) та, MapInfo кестесі (.tab) та жоқ</translation>
    </message>
    <message>
        <source>{file} contains no shapefile (.shp) or MapInfo table (.tab), but {found}: unzip it and import that file</source>
        <translation>{file} ішінде шейп-файл (.shp) та, MapInfo кестесі (.tab) та жоқ, бірақ {found} бар: архивті ашып, сол файлды импорттаңыз</translation>
    </message>
    <message>
        <source>{file} contains several tables: {known}. Choose one, or import them one at a time</source>
        <translation>{file} ішінде бірнеше кесте бар: {known}. Біреуін таңдаңыз немесе оларды бір-бірден импорттаңыз</translation>
    </message>
    <message>
        <source>{file} has no column for the required field(s) {fields} of {layer}, and each of its columns already goes to another field. Match a column to each instead, or give a value for all rows.</source>
        <translation>{file} файлында {layer} қабатының міндетті өрістеріне ({fields}) баған жоқ, ал оның әр бағаны басқа өріске берілген. Әрқайсысына бір бағанды сәйкестендіріңіз немесе барлық жолдарға мән беріңіз.</translation>
    </message>
    <message>
        <source>{file} has no shapefile or MapInfo table named {layer!r}. It holds: {known}</source>
        <translation>{file} ішінде {layer!r} атты шейп-файл да, MapInfo кестесі де жоқ. Ішінде барлары: {known}</translation>
    </message>
    <message>
        <source>{file} is not a table: its first line is text, not column names (it begins {start!r}). Save the table as CSV with a header row of names, or choose the file of the table.</source>
        <translation>{file} кесте емес: оның бірінші жолы баған атаулары емес, мәтін ({start!r} деп басталады). Кестені атаулар жолы бар CSV ретінде сақтаңыз немесе кесте файлын таңдаңыз.</translation>
    </message>
    <message>
        <source>{file}: the time stamps of {count} GPS track(s) were not kept: this GDAL reads KML without its LIBKML driver, which alone has columns for them (the tracks are imported as lines)</source>
        <translation>{file}: {count} GPS тректің уақыт белгілері сақталмады: бұл GDAL KML файлын LIBKML драйверінсіз оқиды, ал олардың бағандары тек сол драйверде бар (тректер сызық ретінде импортталды)</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} және {second}</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} немесе {second}</translation>
    </message>
    <message>
        <source>{first}, {second} and {third}</source>
        <translation>{first}, {second} және {third}</translation>
    </message>
    <message>
        <source>{first}; {second}</source>
        <translation>{first}; {second}</translation>
    </message>
    <message>
        <source>{host}:{port} closed the connection</source>
        <translation>{host}:{port} байланысты жапты</translation>
    </message>
    <message>
        <source>{method} is not allowed here; use {allowed}.</source>
        <translation>Мұнда {method} рұқсат етілмейді; {allowed} пайдаланыңыз.</translation>
    </message>
    <message>
        <source>{name!r} is not a SHA-256 (64 lowercase hex digits).</source>
        <translation>{name!r} SHA-256 емес (64 кіші он алтылық цифр).</translation>
    </message>
    <message>
        <source>{name} cannot be the name of who publishes: a name of at most {limit} visible characters</source>
        <translation>{name} жариялаушының аты бола алмайды: аты көрінетін {limit} таңбадан аспауы керек</translation>
    </message>
    <message>
        <source>{name} is empty: it is computed from the geometry ({value})</source>
        <translation>{name} бос: ол геометриядан есептеледі ({value})</translation>
    </message>
    <message>
        <source>{name} {stored} is stale: the geometry gives {value}</source>
        <translation>{name} {stored} ескірген: геометрия бойынша {value}</translation>
    </message>
    <message>
        <source>{others} or {last}</source>
        <translation>{others} немесе {last}</translation>
    </message>
    <message>
        <source>{path} cannot be read: check that it is a file and that you may read it ({library}: {detail})</source>
        <translation>{path} оқылмайды: оның файл екенін және оны оқуға рұқсатыңыз бар екенін тексеріңіз ({library}: {detail})</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it contains no tiles.</source>
        <translation>{path} негізгі карта ретінде қолданыла алмайды: онда бірде-бір тайл жоқ.</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is a folder, not an MBTiles file.</source>
        <translation>{path} негізгі карта ретінде қолданыла алмайды: бұл MBTiles файлы емес, қалта.</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is an SQLite database without a &apos;tiles&apos; table.</source>
        <translation>{path} негізгі карта ретінде қолданыла алмайды: бұл &apos;tiles&apos; кестесі жоқ SQLite дерекқоры.</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is damaged or cut short; download or copy it again (SQLite: {detail}).</source>
        <translation>{path} негізгі карта ретінде қолданыла алмайды: ол бүлінген немесе соңына дейін жазылмаған; оны қайта жүктеп алыңыз немесе көшіріңіз (SQLite: {detail}).</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is not an MBTiles file (not an SQLite database).</source>
        <translation>{path} негізгі карта ретінде қолданыла алмайды: бұл MBTiles файлы емес (SQLite дерекқоры емес).</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: the file does not exist.</source>
        <translation>{path} негізгі карта ретінде қолданыла алмайды: мұндай файл жоқ.</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: the file is empty (0 bytes); download or copy it again.</source>
        <translation>{path} негізгі карта ретінде қолданыла алмайды: файл бос (0 байт); оны қайта жүктеп алыңыз немесе көшіріңіз.</translation>
    </message>
    <message>
        <source>{path} is not a whole GPX file: it is damaged or cut short (a recording that stopped, a copy that did not finish?), or it is not GPX at all ({library}: {detail})</source>
        <translation>{path} — толық GPX файлы емес: ол бүлінген немесе қиылып қалған (жазу тоқтап қалды ма, көшіру аяқталмады ма?), не мүлде GPX емес ({library}: {detail})</translation>
    </message>
    <message>
        <source>{path} is not an image that can be read: use GeoTIFF, Cloud-Optimised GeoTIFF or JPEG 2000 (GDAL: {detail})</source>
        <translation>{path} оқуға болатын сурет емес: GeoTIFF, Cloud-Optimised GeoTIFF немесе JPEG 2000 қолданыңыз (GDAL: {detail})</translation>
    </message>
    <message>
        <source>{where}.{bound}: {value} is not a finite number</source>
        <translation>{where}.{bound}: {value} — шектеулі сан емес</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}: {problem}</translation>
    </message>
    <message>
        <source>{word} ({code})</source>
        <translation>{word} ({code})</translation>
    </message>
    <message>
        <source>{file} cannot be read as {kind}: {reason}</source>
        <translation>{file} файлын {kind} ретінде оқу мүмкін емес: {reason}</translation>
    </message>
    <message>
        <source>A map tile could not be fetched: {reason}. Its address: {url}</source>
        <translation>Карта тайлын алу мүмкін болмады: {reason}. Оның мекенжайы: {url}</translation>
    </message>
    <message>
        <source>Added {user} ({where}).</source>
        <translation>{user} қосылды ({where}).</translation>
    </message>
    <message>
        <source>No connection to {server} ({reason}): your {count} edits are safe on this computer and will be sent next time.</source>
        <translation>{server} серверіне байланыс жоқ ({reason}): {count} түзетуіңіз осы компьютерде сақтаулы, келесі жолы жіберіледі.</translation>
    </message>
    <message>
        <source>The exhibit description holds a value this version of Baytak does not take (was it written by another version?), so nothing was made: make the exhibit again ({library}: {detail})</source>
        <translation>Көрме сипаттамасында Baytak-тың бұл нұсқасы қабылдамайтын мән бар (оны басқа нұсқа жазды ма?), сондықтан ештеңе жасалмады: көрмені қайта жасаңыз ({library}: {detail})</translation>
    </message>
    <message>
        <source>The exhibit description is damaged or cut short, so nothing was made: make the exhibit again ({library}: {detail})</source>
        <translation>Көрме сипаттамасы бүлінген немесе қиылып қалған, сондықтан ештеңе жасалмады: көрмені қайта жасаңыз ({library}: {detail})</translation>
    </message>
    <message>
        <source>language of branch labels (default: the language baytak speaks, en with --json)</source>
        <translation>филиал атауларының тілі (әдепкісі: baytak сөйлейтін тіл, --json кезінде en)</translation>
    </message>
    <message>
        <source>language of every label (default: the language baytak speaks, en with --json)</source>
        <translation>барлық жазулардың тілі (әдепкісі: baytak сөйлейтін тіл, --json кезінде en)</translation>
    </message>
    <message>
        <source>the dossier&apos;s language (default: the language baytak speaks, en with --json)</source>
        <translation>досьенің тілі (әдепкісі: baytak сөйлейтін тіл, --json кезінде en)</translation>
    </message>
    <message>
        <source>the language of the demo data&apos;s names and notes (default: the language baytak speaks, en with --json)</source>
        <translation>демо деректердің атаулары мен жазбаларының тілі (әдепкісі: baytak сөйлейтін тіл, --json кезінде en)</translation>
    </message>
    <message>
        <source>the language of the layers&apos; titles (default: the language baytak speaks, en with --json)</source>
        <translation>қабаттар атауларының тілі (әдепкісі: baytak сөйлейтін тіл, --json кезінде en)</translation>
    </message>
    <message>
        <source>{count} edit(s) refused by the server; see why: baytak conflicts {store}</source>
        <translation>Сервер қабылдамаған өзгерістер: {count}; себебін көру: baytak conflicts {store}</translation>
    </message>
    <message>
        <source>{count} edit(s) still waiting (made during this sync, or refused: see baytak conflicts {store}).</source>
        <translation>Әлі күтіп тұрған өзгерістер: {count} (осы синхрондау кезінде жасалған немесе қабылданбаған: baytak conflicts {store} қараңыз).</translation>
    </message>
    <message>
        <source>{file} cannot be written: the folder {folder} does not exist</source>
        <translation>{file} файлын жазу мүмкін емес: {folder} қалтасы жоқ</translation>
    </message>
    <message>
        <source>{file} cannot be written: {reason}</source>
        <translation>{file} файлын жазу мүмкін емес: {reason}</translation>
    </message>
    <message>
        <source>{file} contains a member with an unsafe name ({member}) that points outside the archive; it was not opened</source>
        <translation>{file} ішінде мұрағаттан тыс жерді көрсететін қауіпті атаулы файл бар ({member}); ол ашылмады</translation>
    </message>
    <message>
        <source>{file} does not say it is GPX 1.0 or 1.1; it was read as GPX 1.1</source>
        <translation>{file} өзінің GPX 1.0 немесе 1.1 екенін көрсетпейді; ол GPX 1.1 ретінде оқылды</translation>
    </message>
    <message>
        <source>{file} has a {found} column ({column}) but no {missing} column. Columns: {known}</source>
        <translation>{file} файлында {found} бағаны ({column}) бар, бірақ {missing} бағаны жоқ. Бағандар: {known}</translation>
    </message>
    <message>
        <source>{file} has no column for the required field(s) {fields} of {layer}. Match one of its columns to each, or give a value for all rows. Its columns: {columns}</source>
        <translation>{file} файлында {layer} қабатының міндетті {fields} өрісі(тері) үшін баған жоқ. Әрқайсысына файлдың бір бағанын сәйкестендіріңіз немесе барлық жолдар үшін мән беріңіз. Оның бағандары: {columns}</translation>
    </message>
    <message>
        <source>{file} has no column {column!r}. Columns: {known}</source>
        <translation>{file} файлында {column!r} бағаны жоқ. Бағандар: {known}</translation>
    </message>
    <message>
        <source>{file} has no coordinate system and its coordinates are not longitude/latitude. Re-export it with its coordinate system</source>
        <translation>{file} файлында координаттар жүйесі жоқ, ал координаттары бойлық/ендік емес. Оны координаттар жүйесімен қайта экспорттаңыз</translation>
    </message>
    <message>
        <source>{file} has no features to import.</source>
        <translation>{file} ішінде импорттайтын нысан жоқ.</translation>
    </message>
    <message>
        <source>{file} has no header line with column names</source>
        <translation>{file} файлында баған атаулары бар тақырып жолы жоқ</translation>
    </message>
    <message>
        <source>{file} has no latitude and longitude columns. Name them lat and lon (or latitude/longitude, широта/долгота, ендік/бойлық), or one column координаты/coordinates, or choose them. Columns: {known}</source>
        <translation>{file} файлында ендік пен бойлық бағандары жоқ. Оларды lat және lon (немесе latitude/longitude, широта/долгота, ендік/бойлық) деп, не бір бағанды координаты/coordinates деп атаңыз немесе таңдаңыз. Бағандар: {known}</translation>
    </message>
    <message>
        <source>{file} has no layer named {layer!r}. Layers: {known}</source>
        <translation>{file} ішінде {layer!r} атты қабат жоқ. Қабаттар: {known}</translation>
    </message>
    <message>
        <source>{file} has no layers</source>
        <translation>{file} ішінде қабаттар жоқ</translation>
    </message>
    <message>
        <source>{file} has no rows in sheet {layer!r}</source>
        <translation>{file} файлының {layer!r} парағында жолдар жоқ</translation>
    </message>
    <message>
        <source>{file} has no sheet named {layer!r}. Sheets: {known}</source>
        <translation>{file} файлында {layer!r} деп аталатын парақ жоқ. Парақтар: {known}</translation>
    </message>
    <message>
        <source>{file} has no {kind} features for layer {layer}: all {count} are of another geometry type.</source>
        <translation>{file} ішінде {layer} қабаты үшін {kind} нысандары жоқ: барлық {count} нысан басқа геометрия түріне жатады.</translation>
    </message>
    <message>
        <source>{file} has several layers: {known}. Choose one</source>
        <translation>{file} ішінде бірнеше қабат бар: {known}. Біреуін таңдаңыз</translation>
    </message>
    <message>
        <source>{file} is a Baytak store: an export never writes into a store (it would replace its data). Choose another file</source>
        <translation>{file} — Baytak қоймасы: экспорт ешқашан қоймаға жазбайды (оның деректерін алмастырып жіберер еді). Басқа файл таңдаңыз</translation>
    </message>
    <message>
        <source>{file} is a folder: choose a file inside it</source>
        <translation>{file} — қалта: оның ішіндегі файлды таңдаңыз</translation>
    </message>
    <message>
        <source>{file} is damaged or cut short (a download or a copy that did not finish?): copy or download it again ({library}: {detail})</source>
        <translation>{file} бүлінген немесе соңына дейін жазылмаған (жүктеу не көшіру аяқталмаған болуы мүмкін): оны қайта көшіріңіз немесе жүктеп алыңыз ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} is damaged: its {part} file has no valid header ({size} bytes). Copy or download it again</source>
        <translation>{file} зақымдалған: оның {part} файлының дұрыс тақырыбы жоқ ({size} байт). Оны қайта көшіріңіз не жүктеп алыңыз</translation>
    </message>
    <message>
        <source>{file} is empty (0 bytes)</source>
        <translation>{file} бос (0 байт)</translation>
    </message>
    <message>
        <source>{file} is incomplete: its {part} file is cut short ({size} of {expected} bytes). Copy or download it again</source>
        <translation>{file} толық емес: оның {part} файлы қиылып қалған ({expected} байттың {size} байты). Оны қайта көшіріңіз не жүктеп алыңыз</translation>
    </message>
    <message>
        <source>{file} is not a format baytak can import. Supported: {known}</source>
        <translation>{file} baytak импорттай алатын пішім емес. Қолдау көрсетілетіндері: {known}</translation>
    </message>
    <message>
        <source>{file} is not a valid zip archive: {reason}</source>
        <translation>{file} жарамды zip мұрағаты емес: {reason}</translation>
    </message>
    <message>
        <source>{file} is not a valid {kind} file: its content is not recognised. Check that it is not damaged or renamed from another format</source>
        <translation>{file} жарамды {kind} файлы емес: мазмұны танылмады. Оның бүлінбегенін немесе басқа пішімнен қайта аталмағанын тексеріңіз</translation>
    </message>
    <message>
        <source>{file} is not in a format that can be read: check that it is not damaged or renamed from another format ({library}: {detail})</source>
        <translation>{file} оқуға болатын пішімде емес: оның бүлінбегенін немесе басқа пішімнен қайта аталмағанын тексеріңіз ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} is not {encoding} text (byte {position} cannot be read): choose another encoding</source>
        <translation>{file} — {encoding} мәтіні емес ({position}-байтты оқу мүмкін емес): басқа кодтауды таңдаңыз</translation>
    </message>
    <message>
        <source>{file} is the store that is open now. To copy its data, export a layer to another file, or open a copy of the store.</source>
        <translation>{file} — қазір ашық тұрған қойма. Деректерін көшіру үшін қабатты басқа файлға экспорттаңыз немесе қойманың көшірмесін ашыңыз.</translation>
    </message>
    <message>
        <source>{file} is {kind}, whose text is always UTF-8: no encoding needs choosing</source>
        <translation>{file} — {kind}, оның мәтіні әрқашан UTF-8: кодтауды таңдаудың қажеті жоқ</translation>
    </message>
    <message>
        <source>{file} is {size:.1f} GB: files over 2 GB cannot be imported. Split it into smaller files</source>
        <translation>{file} көлемі {size:.1f} ГБ: 2 ГБ-тан асатын файлдарды импорттау мүмкін емес. Оны кішірек файлдарға бөліңіз</translation>
    </message>
    <message>
        <source>{file} line {line} has {count} values but the header has {columns} columns. Quote values that contain the separator {delimiter!r} (e.g. decimal commas) or use another separator</source>
        <translation>{file} файлының {line}-жолында {count} мән бар, ал тақырыпта {columns} баған. {delimiter!r} бөлгіші бар мәндерді (мысалы, ондық үтірлер) тырнақшаға алыңыз немесе басқа бөлгіш қолданыңыз</translation>
    </message>
    <message>
        <source>{file} was not found in {folder}</source>
        <translation>{file} файлы {folder} ішінде табылмады</translation>
    </message>
    <message>
        <source>{file} was not found: check that it is still where it was, and that the disk or network folder it is on is connected ({library}: {detail})</source>
        <translation>{file} табылмады: оның бұрынғы орнында тұрғанын және ол жатқан диск не желілік қалта қосулы екенін тексеріңіз ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} would unpack to {size:.1f} GB, over the 2 GB limit; it was not opened</source>
        <translation>{file} ашылғанда {size:.1f} ГБ болар еді, бұл 2 ГБ шегінен асады; ол ашылмады</translation>
    </message>
    <message>
        <source>{file}: a column holds values of different kinds (numbers and text); they are read as text</source>
        <translation>{file}: бағанда әртүрлі мәндер бар (сандар мен мәтін); олар мәтін ретінде оқылды</translation>
    </message>
    <message>
        <source>{file}: baytak cannot write {suffix!r} files. Supported: {known}</source>
        <translation>{file}: baytak {suffix!r} файлдарын жаза алмайды. Қолдау көрсетілетіндері: {known}</translation>
    </message>
    <message>
        <source>{file}: its coordinate system gives no shift from its datum ({datum}) to WGS 84, so positions may be off by up to a few hundred metres. Re-export it with a coordinate system that has an EPSG code</source>
        <translation>{file}: оның координаттар жүйесінде датумнан ({datum}) WGS 84-ке ығысу берілмеген, сондықтан орындар бірнеше жүз метрге ауытқуы мүмкін. Оны EPSG коды бар координаттар жүйесімен қайта экспорттаңыз</translation>
    </message>
    <message>
        <source>{file}: its coordinate system names Krasovsky&apos;s ellipsoid without a datum; it was read as Pulkovo 1942 (SK-42), the datum of Soviet and Kazakh maps</source>
        <translation>{file}: оның координаттар жүйесі Красовский эллипсоидын датумсыз атайды; ол Пулково 1942 (СК-42) ретінде оқылды, бұл кеңестік және қазақстандық карталардың датумы</translation>
    </message>
    <message>
        <source>{file}: measures (M values) of the geometries were dropped</source>
        <translation>{file}: геометриялардың өлшемдері (M мәндері) алынып тасталды</translation>
    </message>
    <message>
        <source>{file}: measures (M values) of {count} features were dropped</source>
        <translation>{file}: {count} нысанның өлшемдері (M мәндері) алынып тасталды</translation>
    </message>
    <message>
        <source>{file}: none of its {rows} rows is valid; nothing was imported.</source>
        <translation>{file}: оның {rows} жолының бірі де дұрыс емес; ештеңе импортталмады.</translation>
    </message>
    <message>
        <source>{file}: some characters could not be converted; check the encoding of the text</source>
        <translation>{file}: кейбір таңбаларды түрлендіру мүмкін болмады; мәтіннің кодтауын тексеріңіз</translation>
    </message>
    <message>
        <source>{file}: some geometries do not follow the format&apos;s rules</source>
        <translation>{file}: кейбір геометриялар формат ережелеріне сай емес</translation>
    </message>
    <message>
        <source>{file}: the heights (Z values) of {count} features were dropped: the layers store positions only</source>
        <translation>{file}: {count} нысанның биіктіктері (Z мәндері) алынып тасталды: қабаттар тек орынды сақтайды</translation>
    </message>
    <message>
        <source>{file}: {bad} of {rows} rows are invalid, nothing was imported</source>
        <translation>{file}: {rows} жолдың {bad}-і дұрыс емес, ештеңе импортталмады</translation>
    </message>
    <message>
        <source>{file}: {count} values are longer than a Shapefile can hold ({limit} bytes, about 127 Cyrillic letters): {where}. Export to GeoPackage, GeoJSON or CSV instead, or shorten them</source>
        <translation>{file}: {count} мән Shapefile сыйғыза алатыннан ұзын ({limit} байт, шамамен 127 кирилл әрпі): {where}. Оның орнына GeoPackage, GeoJSON немесе CSV-ге экспорттаңыз, не оларды қысқартыңыз</translation>
    </message>
    <message>
        <source>{file}: {detail}</source>
        <translation>{file}: {detail}</translation>
    </message>
    <message>
        <source>{kind} is not a geometry</source>
        <translation>{kind} геометрия емес</translation>
    </message>
    <message>
        <source>{layer} holds lines, not points: record a track along it and save the track into the layer.</source>
        <translation>{layer} қабатында нүктелер емес, сызықтар бар: бойымен трек жазып, тректі осы қабатқа сақтаңыз.</translation>
    </message>
    <message>
        <source>{layer} holds outlines, not points: walk the outline and add a corner at your position instead.</source>
        <translation>{layer} қабатында нүктелер емес, контурлар сақталады: оның орнына контурды айналып жүріп, тұрған жеріңізде бұрыш қосыңыз.</translation>
    </message>
    <message>
        <source>{layer} holds points: use Add point at my position, or save the track into an outline layer.</source>
        <translation>{layer} қабатында нүктелер сақталады: «Менің орныма нүкте қосу» әрекетін пайдаланыңыз немесе тректі контур қабатына сақтаңыз.</translation>
    </message>
    <message>
        <source>{name} has no GPS position in its EXIF data: place the site on the map or type its coordinates.</source>
        <translation>{name} EXIF деректерінде GPS орны жоқ: нысанды картаға қойыңыз немесе координаттарын енгізіңіз.</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes).</source>
        <translation>{name} бос (0 байт).</translation>
    </message>
    <message>
        <source>{name} is not a photo: choose a JPEG, PNG, TIFF or WebP image.</source>
        <translation>{name} фотосурет емес: JPEG, PNG, TIFF немесе WebP суретін таңдаңыз.</translation>
    </message>
    <message>
        <source>{name} is {size_mb:.0f} MB; attachments may be at most {limit_mb} MB.</source>
        <translation>{name} көлемі {size_mb:.0f} МБ; тіркемелер ең көбі {limit_mb} МБ болуы мүмкін.</translation>
    </message>
    <message>
        <source>{name} was not found.</source>
        <translation>{name} табылмады.</translation>
    </message>
    <message>
        <source>{option} takes {shape}, not {text!r}.</source>
        <translation>{option} {shape} пішінін алады, {text!r} емес.</translation>
    </message>
    <message>
        <source>{out}: a dossier is a PDF; name the file .pdf.</source>
        <translation>{out}: досье — PDF файлы; файлды .pdf деп атаңыз.</translation>
    </message>
    <message>
        <source>{out}: the exhibit&apos;s format comes from its extension; use .html (web map), .pdf, .png or .svg (print layout).</source>
        <translation>{out}: дәлелдің пішімі кеңейтуінен анықталады; .html (веб-карта), .pdf, .png немесе .svg (баспа макеті) қолданыңыз.</translation>
    </message>
    <message>
        <source>{out}: the output must end in .pdf, .png or .svg.</source>
        <translation>{out}: шығыс файлы .pdf, .png немесе .svg деп аяқталуы керек.</translation>
    </message>
    <message>
        <source>{out}: {reason}</source>
        <translation>{out}: {reason}</translation>
    </message>
    <message>
        <source>{path} already exists: choose another file for the track.</source>
        <translation>{path} бұрыннан бар: трек үшін басқа файл таңдаңыз.</translation>
    </message>
    <message>
        <source>{path} already exists; open it, or choose another name.</source>
        <translation>{path} бұрыннан бар; оны ашыңыз немесе басқа атау таңдаңыз.</translation>
    </message>
    <message>
        <source>{path} cannot be read as an OpenStreetMap extract ({reason}).</source>
        <translation>{path} файлын OpenStreetMap үзіндісі ретінде оқу мүмкін емес ({reason}).</translation>
    </message>
    <message>
        <source>{path} cannot be read: {reason}</source>
        <translation>{path} оқылмайды: {reason}</translation>
    </message>
    <message>
        <source>{path} cannot be written: {reason}. Copy it somewhere you may write, or ask for write access.</source>
        <translation>{path} жазу мүмкін емес: {reason}. Оны жаза алатын жерге көшіріңіз немесе жазу құқығын сұраңыз.</translation>
    </message>
    <message>
        <source>{path} does not exist or is not a file.</source>
        <translation>{path} жоқ немесе файл емес.</translation>
    </message>
    <message>
        <source>{path} exists and is not a basemap built by baytak; choose another name with --out.</source>
        <translation>{path} бар және ол baytak құрған негізгі карта емес; --out арқылы басқа атау таңдаңыз.</translation>
    </message>
    <message>
        <source>{path} has its own coordinate system ({crs}); a coordinate system is given only for an image placed by a world file.</source>
        <translation>{path} файлының өз координаттар жүйесі бар ({crs}); координаттар жүйесі тек world файлымен орналастырылған сурет үшін беріледі.</translation>
    </message>
    <message>
        <source>{path} has no coordinate system or georeference, so it cannot be placed on the map; georeference it first (for example in QGIS) and save it as a GeoTIFF.</source>
        <translation>{path} файлында координаттар жүйесі де, геобайланыс та жоқ, сондықтан оны картаға орналастыру мүмкін емес; алдымен оны геобайланыстырыңыз (мысалы, QGIS-те) және GeoTIFF ретінде сақтаңыз.</translation>
    </message>
    <message>
        <source>{path} is a GeoPackage but not a Baytak store; it was left as it is. Create a store, then import this file&apos;s layers into it</source>
        <translation>{path} — GeoPackage, бірақ Baytak қоймасы емес; ол өзгеріссіз қалдырылды. Қойма жасап, содан кейін осы файлдың қабаттарын соған импорттаңыз</translation>
    </message>
    <message>
        <source>{path} is busy: another program is writing to it. Close it there and try again.</source>
        <translation>{path} бос емес: оған басқа бағдарлама жазып жатыр. Оны сол жерде жауып, қайталаңыз.</translation>
    </message>
    <message>
        <source>{path} is not a GPX track this program wrote; it cannot be repaired.</source>
        <translation>{path} — бұл бағдарлама жазған GPX трек емес; оны қалпына келтіру мүмкін емес.</translation>
    </message>
    <message>
        <source>{path} is not a GPX track this program wrote; record into a new file.</source>
        <translation>{path} — бұл бағдарлама жазған GPX трек емес; жаңа файлға жазыңыз.</translation>
    </message>
    <message>
        <source>{path} is not a GeoPackage: {reason}</source>
        <translation>{path} GeoPackage емес: {reason}</translation>
    </message>
    <message>
        <source>{path} is not an OpenStreetMap extract: choose a .osm.pbf file (for example a country or region extract downloaded for offline use).</source>
        <translation>{path} OpenStreetMap үзіндісі емес: .osm.pbf файлын таңдаңыз (мысалы, офлайн жұмыс үшін жүктелген елдің не өңірдің үзіндісі).</translation>
    </message>
    <message>
        <source>{path} is placed by a world file, which names no coordinate system: give the one its coordinates are in (an EPSG code, e.g. EPSG:32643 for UTM zone 43N).</source>
        <translation>{path} world файлымен орналастырылған, ол координаттар жүйесін атамайды: оның координаттары қай жүйеде екенін көрсетіңіз (EPSG коды, мысалы UTM 43N аймағы үшін EPSG:32643).</translation>
    </message>
    <message>
        <source>{path} was not found.</source>
        <translation>{path} табылмады.</translation>
    </message>
    <message>
        <source>{path}: track point {number} cannot be read: its lat and lon must be numbers in degrees and its time an ISO 8601 time ({library}: {detail})</source>
        <translation>{path}: тректің {number}-нүктесі оқылмайды: оның lat пен lon мәндері градустағы сандар, ал уақыты ISO 8601 уақыты болуы керек ({library}: {detail})</translation>
    </message>
    <message>
        <source>{place} has the wrong type</source>
        <translation>{place}: түрі дұрыс емес</translation>
    </message>
    <message>
        <source>{place} is missing</source>
        <translation>{place}: жоқ</translation>
    </message>
    <message>
        <source>{place} is not expected here</source>
        <translation>{place}: мұнда күтілмейді</translation>
    </message>
    <message>
        <source>{place} is not one of the allowed values</source>
        <translation>{place}: рұқсат етілген мәндердің бірі емес</translation>
    </message>
    <message>
        <source>{place} is not valid</source>
        <translation>{place}: жарамсыз</translation>
    </message>
    <message>
        <source>{place} is out of range</source>
        <translation>{place}: рұқсат етілген аралықтан тыс</translation>
    </message>
    <message>
        <source>{place} is too long</source>
        <translation>{place}: тым ұзын</translation>
    </message>
    <message>
        <source>{place} is too short or empty</source>
        <translation>{place}: тым қысқа немесе бос</translation>
    </message>
    <message>
        <source>{program} (process {pid})</source>
        <translation>{program} ({pid} процесі)</translation>
    </message>
    <message>
        <source>{program} has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or cancel the edits there (or close the file in it), then try again.</source>
        <translation>{program} {path} файлын {seconds:.0f} с бойы ұстап тұр, сондықтан мұнда ештеңе өзгертілмеді. Ондағы өзгерістерді сақтаңыз не болдырмаңыз (немесе файлды онда жабыңыз), содан кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>{program} is writing to {path}, so it could not be read; nothing was changed. Let it finish (or close the file there), then try again.</source>
        <translation>{program} {path} файлына жазып жатыр, сондықтан оны оқу мүмкін болмады; ештеңе өзгертілмеді. Оның аяқталуын күтіңіз (немесе файлды сонда жабыңыз), содан кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>{program}: error: {message}</source>
        <translation>{program}: қате: {message}</translation>
    </message>
    <message>
        <source>{raw!r} is a label, not a code: the code is {value!r}</source>
        <translation>{raw!r} — код емес, белгі: коды {value!r}</translation>
    </message>
    <message>
        <source>{reason} ({library}: {detail})</source>
        <translation>{reason} ({library}: {detail})</translation>
    </message>
    <message>
        <source>{role}, all branches</source>
        <translation>{role}, барлық филиалдар</translation>
    </message>
    <message>
        <source>{role}, branch {branch}</source>
        <translation>{role}, филиал {branch}</translation>
    </message>
    <message>
        <source>{server} is not a server address: write it whole, like https://sync.baytak.kz or http://192.168.1.10:8765</source>
        <translation>{server} сервер мекенжайы емес: оны толық жазыңыз, мысалы https://sync.baytak.kz немесе http://192.168.1.10:8765</translation>
    </message>
    <message>
        <source>{store} is not signed in to a server: sign in with baytak login {store} --server URL --user NAME</source>
        <translation>{store} серверге кірмеген: baytak login {store} --server URL --user NAME арқылы кіріңіз</translation>
    </message>
    <message>
        <source>{store} is synced with {known}; it cannot sync with {server} too. Use a new store for another server.</source>
        <translation>{store} {known} серверімен синхрондалады; ол {server} серверімен де синхрондала алмайды. Басқа сервер үшін жаңа қойма қолданыңыз.</translation>
    </message>
    <message>
        <source>{store} is the demo store: its sites are illustrative and never go to a server. Create the store of your branch (baytak init FILE.gpkg) and sign that one in.</source>
        <translation>{store} — демо қойма: ондағы нысандар тек мысал үшін және серверге ешқашан жіберілмейді. Филиалыңыздың қоймасын жасаңыз (baytak init FILE.gpkg) және серверге соны қосыңыз.</translation>
    </message>
    <message>
        <source>{store}: the store cannot be read ({reason}); is it a GeoPackage made by baytak?</source>
        <translation>{store}: қойманы оқу мүмкін емес ({reason}); бұл baytak жасаған GeoPackage ме?</translation>
    </message>
    <message>
        <source>{text!r} is not W,S,E,N in degrees, e.g. 76.5,43.0,78.0,44.0</source>
        <translation>{text!r} градуспен берілген W,S,E,N емес, мысалы 76.5,43.0,78.0,44.0</translation>
    </message>
    <message>
        <source>{text!r}: west &lt; east within ±180 and south &lt; north within ±90 are needed</source>
        <translation>{text!r}: ±180 ішінде батыс &lt; шығыс және ±90 ішінде оңтүстік &lt; солтүстік болуы керек</translation>
    </message>
    <message>
        <source>{text} is not a GPS source: write gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or file:///PATH.</source>
        <translation>{text} — GPS көзі емес: gpsd, serial:///dev/ttyUSB0, tcp://ХОСТ:ПОРТ, udp://:ПОРТ немесе file:///ЖОЛ деп жазыңыз.</translation>
    </message>
    <message>
        <source>{text} is not a date: write it as YYYY-MM-DD, e.g. 2026-07-15.</source>
        <translation>{text} күн емес: оны ЖЖЖЖ-АА-КК түрінде жазыңыз, мысалы 2026-07-15.</translation>
    </message>
    <message>
        <source>{text}: a TCP source needs a host and a port, e.g. tcp://192.168.1.20:11123.</source>
        <translation>{text}: TCP көзіне хост пен порт керек, мысалы tcp://192.168.1.20:11123.</translation>
    </message>
    <message>
        <source>{text}: name the serial port, e.g. serial:///dev/ttyUSB0 or serial://COM3.</source>
        <translation>{text}: сериялық портты көрсетіңіз, мысалы serial:///dev/ttyUSB0 немесе serial://COM3.</translation>
    </message>
    <message>
        <source>{text}: the port must be a number from 1 to 65535.</source>
        <translation>{text}: порт 1-ден 65535-ке дейінгі сан болуы керек.</translation>
    </message>
    <message>
        <source>{text}: the speed must be auto or one of {bauds}.</source>
        <translation>{text}: жылдамдық auto немесе мыналардың бірі болуы керек: {bauds}.</translation>
    </message>
    <message>
        <source>{updated} rows updated the features with their uuid, {unchanged} were already as in the file</source>
        <translation>{updated} жол нысандарды uuid бойынша жаңартты, {unchanged} жол файлдағыдай болатын</translation>
    </message>
    <message>
        <source>{user} is disabled.</source>
        <translation>{user} тіркелгісі өшірілді.</translation>
    </message>
    <message>
        <source>{user} is enabled.</source>
        <translation>{user} тіркелгісі қайта қосылды.</translation>
    </message>
    <message>
        <source>{uuid!r} is not a lowercase UUID</source>
        <translation>{uuid!r} кіші әріптермен жазылған UUID емес</translation>
    </message>
    <message>
        <source>{uuid} in {layer} is demo data: its position and figures are illustrative, so the server does not keep it.</source>
        <translation>{layer} қабатындағы {uuid} — демо деректер: оның орны мен сандары тек мысал үшін, сондықтан сервер оны сақтамайды.</translation>
    </message>
    <message>
        <source>{value!r} has a two-digit year that could be in either century: write the year in full (DD.MM.YYYY)</source>
        <translation>{value!r} ішіндегі екі цифрлы жыл кез келген ғасырға жатуы мүмкін: жылды толық жазыңыз (КК.АА.ЖЖЖЖ)</translation>
    </message>
    <message>
        <source>{value!r} is not a date and time (use ISO 8601)</source>
        <translation>{value!r} күн мен уақыт емес (ISO 8601 қолданыңыз)</translation>
    </message>
    <message>
        <source>{value!r} is not a finite number</source>
        <translation>{value!r} шектеулі сан емес</translation>
    </message>
    <message>
        <source>{value!r} is not a number</source>
        <translation>{value!r} сан емес</translation>
    </message>
    <message>
        <source>{value!r} is not a real date (use YYYY-MM-DD or DD.MM.YYYY)</source>
        <translation>{value!r} нақты күн емес (YYYY-MM-DD немесе DD.MM.YYYY қолданыңыз)</translation>
    </message>
    <message>
        <source>{value!r} is not a uuid; the feature gets a new one</source>
        <translation>{value!r} uuid емес; нысанға жаңасы беріледі</translation>
    </message>
    <message>
        <source>{value!r} is not a whole number</source>
        <translation>{value!r} бүтін сан емес</translation>
    </message>
    <message>
        <source>{value!r} is not one of: {codes}</source>
        <translation>{value!r} мыналардың бірі емес: {codes}</translation>
    </message>
    <message>
        <source>{value!r} is not yes or no (use true/false, 1/0, иә/жоқ, да/нет)</source>
        <translation>{value!r} иә да, жоқ та емес (true/false, 1/0, иә/жоқ, да/нет деп жазыңыз)</translation>
    </message>
    <message>
        <source>{value!r} may mean {codes}: write one of them</source>
        <translation>{value!r} {codes} дегенді білдіруі мүмкін: солардың бірін жазыңыз</translation>
    </message>
    <message>
        <source>{value} is above the maximum {maximum:g}</source>
        <translation>{value} ең көп мәннен ({maximum:g}) үлкен</translation>
    </message>
    <message>
        <source>{value} is before {earliest}</source>
        <translation>{value} күні {earliest} күнінен ерте</translation>
    </message>
    <message>
        <source>{value} is below the minimum {minimum:g}</source>
        <translation>{value} ең аз мәннен ({minimum:g}) кіші</translation>
    </message>
    <message>
        <source>{value} is in the future; an observation cannot be</source>
        <translation>{value} болашақта; бақылау болашақта бола алмайды</translation>
    </message>
    <message>
        <source>{value} is not a date and time written YYYY-MM-DDTHH:MM:SS.sssZ (only this spelling is accepted)</source>
        <translation>{value} — YYYY-MM-DDTHH:MM:SS.sssZ түрінде жазылған күн мен уақыт емес (тек осы жазылу қабылданады)</translation>
    </message>
    <message>
        <source>{value} is not a date written YYYY-MM-DD (only this spelling is accepted)</source>
        <translation>{value} — YYYY-MM-DD (жыл-ай-күн) түрінде жазылған күн емес (тек осы жазылу қабылданады)</translation>
    </message>
    <message>
        <source>{value} is not a finite number</source>
        <translation>{value} — шектеулі сан емес</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} — сан емес</translation>
    </message>
    <message>
        <source>{value} is not a value</source>
        <translation>{value} — мән емес</translation>
    </message>
    <message>
        <source>{value} is not a value: send text, a number or a date</source>
        <translation>{value} — мән емес: мәтін, сан немесе күн жіберіңіз</translation>
    </message>
    <message>
        <source>{value} is not text; send it as text</source>
        <translation>{value} — мәтін емес; мәнді мәтін ретінде жіберіңіз</translation>
    </message>
    <message>
        <source>{value} is outside {low}..{high}</source>
        <translation>{value} мәні {low}..{high} аралығынан тыс</translation>
    </message>
    <message>
        <source>{value} is too large for a number</source>
        <translation>{value} — сан үшін тым үлкен</translation>
    </message>
    <message>
        <source>{value} is too large for a whole number</source>
        <translation>{value} — бүтін сан үшін тым үлкен</translation>
    </message>
    <message>
        <source>{where}.name: every layer has a field {name} already; choose another name</source>
        <translation>{where}.name: әр қабатта {name} өрісі бар; басқа атау таңдаңыз</translation>
    </message>
    <message>
        <source>{where}.vocabulary: at least one code must not be deprecated</source>
        <translation>{where}.vocabulary: кемінде бір код ескірмеген болуы керек</translation>
    </message>
    <message>
        <source>{where}.vocabulary: the code {code} is listed {count} times</source>
        <translation>{where}.vocabulary: {code} коды {count} рет берілген</translation>
    </message>
    <message>
        <source>{where}: a derived field is an optional real field without a vocabulary</source>
        <translation>{where}: есептелетін өріс — сөздігі жоқ, міндетті емес нақты сан өрісі</translation>
    </message>
    <message>
        <source>{where}: a vocabulary is for text fields (the codes are text)</source>
        <translation>{where}: сөздік мәтіндік өрістерге арналған (кодтар — мәтін)</translation>
    </message>
    <message>
        <source>{where}: is missing</source>
        <translation>{where}: жоқ</translation>
    </message>
    <message>
        <source>{where}: is not a key of a layer definition (a typo?)</source>
        <translation>{where}: қабат анықтамасында мұндай кілт жоқ (қате жазылған ба?)</translation>
    </message>
    <message>
        <source>{where}: is too long (at most {limit})</source>
        <translation>{where}: тым ұзын (ең көбі {limit})</translation>
    </message>
    <message>
        <source>{where}: min_length and max_length are for text fields</source>
        <translation>{where}: min_length мен max_length мәтіндік өрістерге арналған</translation>
    </message>
    <message>
        <source>{where}: min_length is above max_length</source>
        <translation>{where}: min_length мәні max_length мәнінен үлкен</translation>
    </message>
    <message>
        <source>{where}: minimum and maximum are for integer and real fields</source>
        <translation>{where}: minimum мен maximum бүтін және нақты сан өрістеріне арналған</translation>
    </message>
    <message>
        <source>{where}: must be a list [...], not {value}</source>
        <translation>{where}: тізім [...] болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must be a number, not {value}</source>
        <translation>{where}: сан болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must be a whole number, not {value}</source>
        <translation>{where}: бүтін сан болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must be an object {{...}}, not {value}</source>
        <translation>{where}: нысан {{...}} болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must be text in quotes, not {value}</source>
        <translation>{where}: тырнақшадағы мәтін болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must be true or false, not {value}</source>
        <translation>{where}: true немесе false болуы керек, ал мұнда {value}</translation>
    </message>
    <message>
        <source>{where}: must not be empty</source>
        <translation>{where}: бос болмауы керек</translation>
    </message>
    <message>
        <source>{where}: not_future is for date and datetime fields</source>
        <translation>{where}: not_future күн және күн-уақыт өрістеріне арналған</translation>
    </message>
    <message>
        <source>{where}: the minimum {minimum:g} is above the maximum {maximum:g}</source>
        <translation>{where}: {minimum:g} ең кіші мәні {maximum:g} ең үлкен мәнінен жоғары</translation>
    </message>
    <message>
        <source>{where}: vocabulary_name needs a vocabulary</source>
        <translation>{where}: vocabulary_name үшін сөздік қажет</translation>
    </message>
    <message>
        <source>{where}: {measure} cannot be measured on a {geometry} layer</source>
        <translation>{where}: {geometry} қабатында {measure} өлшенбейді</translation>
    </message>
    <message>
        <source>{where}: {value} cannot be used here</source>
        <translation>{where}: {value} мұнда қолданылмайды</translation>
    </message>
    <message>
        <source>{where}: {value} is not a colour like #d55e00</source>
        <translation>{where}: {value} — #d55e00 сияқты түс емес</translation>
    </message>
    <message>
        <source>{where}: {value} is not a valid code: Latin letters, digits, _ . and -</source>
        <translation>{where}: {value} — жарамды код емес: латын әріптері, цифрлар, _ . және -</translation>
    </message>
    <message>
        <source>{where}: {value} is not a valid name: lower-case Latin letters, digits and _, starting with a letter</source>
        <translation>{where}: {value} — жарамды атау емес: кіші латын әріптері, цифрлар және _, әріптен басталады</translation>
    </message>
    <message>
        <source>{where}: {value} is not one of: {expected}</source>
        <translation>{where}: {value} мына мәндердің бірі емес: {expected}</translation>
    </message>
    <message>
        <source>{where}: {value} is out of range ({detail})</source>
        <translation>{where}: {value} рұқсат етілген аралықтан тыс ({detail})</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>{row}-жол</translation>
    </message>
    <message>
        <source>field {field}</source>
        <translation>{field} өрісі</translation>
    </message>
    <message>
        <source>; and {count} more</source>
        <translation>; және тағы {count}</translation>
    </message>
    <message>
        <source>geometry</source>
        <translation>геометрия</translation>
    </message>
    <message>
        <source>Your sign-in to {server} has expired or was revoked ({reason}): sign in again with Sync › Connect to server…. Your edits are safe on this computer.</source>
        <translation>{server} серверіне кіруіңіздің мерзімі өтті немесе ол қайтарылды ({reason}): Синхрондау › Серверге қосылу… арқылы қайта кіріңіз. Түзетулеріңіз осы компьютерде сақтаулы.</translation>
    </message>
    <message>
        <source>Conflict {id} was already resolved on the server; the next sync brings its outcome.</source>
        <translation>{id} қайшылығы серверде шешіліп қойған; нәтижесін келесі синхрондау әкеледі.</translation>
    </message>
    <message>
        <source>There is no conflict {id} in {store}; the Conflicts panel lists them.</source>
        <translation>{store} ішінде {id} қайшылығы жоқ; олардың тізімі «Қайшылықтар» панелінде.</translation>
    </message>
    <message>
        <source>{file} is damaged: {reason}</source>
        <translation>{file} бүлінген: {reason}</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Кіру…</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>Шығу…</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Тарих оқылуда…</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <source>Add a site from a geotagged photo</source>
        <translation>Геотегі бар фотодан нысан қосу</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</source>
        <translation>Фотолар (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Өңдеу</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Құралдар</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Тарих</translation>
    </message>
    <message>
        <source>Edit toolbar</source>
        <translation>Өңдеу құралдары</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Пішін</translation>
    </message>
    <message>
        <source>Choose an area layer as the edit layer to walk its outline.</source>
        <translation>Шекарасын жүріп өту үшін өңделетін қабат ретінде аумақ қабатын таңдаңыз.</translation>
    </message>
    <message>
        <source>Edit layer:</source>
        <translation>Өңделетін қабат:</translation>
    </message>
    <message>
        <source>px</source>
        <translation>пкс</translation>
    </message>
    <message>
        <source>Snapping tolerance in screen pixels</source>
        <translation>Жабысу шегі, экран пиксельдерімен</translation>
    </message>
    <message>
        <source>Feature form</source>
        <translation>Нысан пішіні</translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation>Өңдеу тарихы</translation>
    </message>
    <message>
        <source>&amp;Pan / identify</source>
        <translation>&amp;Жылжыту / таңдау</translation>
    </message>
    <message>
        <source>Drag to pan the map, click a feature to see it</source>
        <translation>Картаны жылжыту үшін сүйреңіз, нысанды көру үшін оны басыңыз</translation>
    </message>
    <message>
        <source>Add &amp;point</source>
        <translation>&amp;Нүкте қосу</translation>
    </message>
    <message>
        <source>Click on the map to add a point to the edited layer</source>
        <translation>Өңделетін қабатқа нүкте қосу үшін картаны басыңыз</translation>
    </message>
    <message>
        <source>Draw &amp;area</source>
        <translation>&amp;Аумақ сызу</translation>
    </message>
    <message>
        <source>Click the corners of a new area; double-click to finish</source>
        <translation>Жаңа аумақтың төбелерін басыңыз; аяқтау үшін екі рет басыңыз</translation>
    </message>
    <message>
        <source>Draw &amp;line</source>
        <translation>&amp;Сызық сызу</translation>
    </message>
    <message>
        <source>Click the points of a new line (a river, a canal); double-click to finish</source>
        <translation>Жаңа сызықтың (өзен, арна) нүктелерін басыңыз; аяқтау үшін екі рет басыңыз</translation>
    </message>
    <message>
        <source>&amp;Move feature</source>
        <translation>Нысанның &amp;орнын ауыстыру</translation>
    </message>
    <message>
        <source>Drag a feature to move it</source>
        <translation>Орнын ауыстыру үшін нысанды сүйреңіз</translation>
    </message>
    <message>
        <source>Edit &amp;corners</source>
        <translation>&amp;Төбелерді өзгерту</translation>
    </message>
    <message>
        <source>Drag, add or delete the corners of a feature</source>
        <translation>Нысанның төбелерін сүйреңіз, қосыңыз немесе жойыңыз</translation>
    </message>
    <message>
        <source>&amp;Delete feature</source>
        <translation>Нысанды жо&amp;ю</translation>
    </message>
    <message>
        <source>Click a feature to delete it</source>
        <translation>Жою үшін нысанды басыңыз</translation>
    </message>
    <message>
        <source>&amp;Split area</source>
        <translation>Аумақты &amp;бөлу</translation>
    </message>
    <message>
        <source>Draw a line across an area to cut it in two</source>
        <translation>Аумақты екіге бөлу үшін оны қиып өтетін сызық сызыңыз</translation>
    </message>
    <message>
        <source>Mer&amp;ge areas</source>
        <translation>Аумақтарды бі&amp;ріктіру</translation>
    </message>
    <message>
        <source>Click two areas to make them one</source>
        <translation>Біріктіру үшін екі аумақты басыңыз</translation>
    </message>
    <message>
        <source>Measure &amp;distance</source>
        <translation>&amp;Қашықтықты өлшеу</translation>
    </message>
    <message>
        <source>Measure a distance on the ellipsoid</source>
        <translation>Қашықтықты эллипсоид бойынша өлшеу</translation>
    </message>
    <message>
        <source>Measure a&amp;rea</source>
        <translation>А&amp;уданды өлшеу</translation>
    </message>
    <message>
        <source>Measure an area on the ellipsoid</source>
        <translation>Ауданды эллипсоид бойынша өлшеу</translation>
    </message>
    <message>
        <source>S&amp;napping</source>
        <translation>&amp;Жабысу</translation>
    </message>
    <message>
        <source>Snap clicks to vertices and edges of visible layers</source>
        <translation>Басуларды көрінетін қабаттардың төбелері мен қырларына жабыстыру</translation>
    </message>
    <message>
        <source>Edit &amp;attributes</source>
        <translation>&amp;Атрибуттарды өзгерту</translation>
    </message>
    <message>
        <source>Open the form of the selected feature</source>
        <translation>Таңдалған нысанның пішінін ашу</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>Таңдалғандарды жою</translation>
    </message>
    <message>
        <source>Delete the selected features</source>
        <translation>Таңдалған нысандарды жою</translation>
    </message>
    <message>
        <source>Add point at &amp;coordinates…</source>
        <translation>&amp;Координаталар бойынша нүкте қосу…</translation>
    </message>
    <message>
        <source>Type or paste a position, or take a GPX waypoint</source>
        <translation>Орынды теріңіз не қойыңыз, немесе GPX бағдар нүктесін алыңыз</translation>
    </message>
    <message>
        <source>Add from geotagged &amp;photo…</source>
        <translation>Геотегі бар &amp;фотодан қосу…</translation>
    </message>
    <message>
        <source>Place a site at the position where a photo was taken</source>
        <translation>Нысанды фото түсірілген орынға қою</translation>
    </message>
</context>
<context>
    <name>EditCommand</name>
    <message>
        <source>Edit {layer}</source>
        <translation>«{layer}» қабатын өзгерту</translation>
    </message>
    <message>
        <source>Add feature to {layer}</source>
        <translation>«{layer}» қабатына нысан қосу</translation>
    </message>
    <message>
        <source>Edit attributes in {layer}</source>
        <translation>«{layer}» қабатында атрибуттарды өзгерту</translation>
    </message>
    <message>
        <source>Edit geometry in {layer}</source>
        <translation>«{layer}» қабатында геометрияны өзгерту</translation>
    </message>
    <message>
        <source>Delete feature from {layer}</source>
        <translation>«{layer}» қабатынан нысанды жою</translation>
    </message>
    <message>
        <source>Attach photo in {layer}</source>
        <translation>«{layer}» қабатында фото тіркеу</translation>
    </message>
    <message>
        <source>Remove photo in {layer}</source>
        <translation>«{layer}» қабатында фотоны алып тастау</translation>
    </message>
    <message>
        <source>Add feature from photo to {layer}</source>
        <translation>Фотодан «{layer}» қабатына нысан қосу</translation>
    </message>
    <message>
        <source>Split feature in {layer}</source>
        <translation>«{layer}» қабатында нысанды бөлу</translation>
    </message>
    <message>
        <source>Merge features in {layer}</source>
        <translation>«{layer}» қабатында нысандарды біріктіру</translation>
    </message>
    <message>
        <source>Resolve conflict in {layer}</source>
        <translation>{layer}: қайшылықты шешу</translation>
    </message>
</context>
<context>
    <name>EditFlow</name>
    <message>
        <source>A photo gives a point: choose a point layer to place sites from photos</source>
        <translation>Фото нүкте береді: фотолардан нысан қою үшін нүктелік қабатты таңдаңыз</translation>
    </message>
    <message>
        <source>{name} has no GPS position in its EXIF data: place the site on the map or type its coordinates</source>
        <translation>{name} файлының EXIF деректерінде GPS орны жоқ: нысанды картаға қойыңыз немесе координаталарын теріңіз</translation>
    </message>
    <message>
        <source>Drop photos on a feature to attach them, or choose Add point to place a new site at a photo&apos;s position</source>
        <translation>Фотоларды тіркеу үшін оларды нысанға тастаңыз, не фото түсірілген жерге жаңа нысан қою үшін «Нүкте қосу» құралын таңдаңыз</translation>
    </message>
</context>
<context>
    <name>EditSession</name>
    <message>
        <source>Nothing edited yet</source>
        <translation>Әзірге ештеңе өзгертілмеді</translation>
    </message>
</context>
<context>
    <name>ExhibitActions</name>
    <message>
        <source>&amp;Project</source>
        <translation>&amp;Жоба</translation>
    </message>
    <message>
        <source>Export &amp;map…</source>
        <translation>Картаны &amp;экспорттау…</translation>
    </message>
    <message>
        <source>Print the map as PDF, PNG or SVG with a legend, scale bar and north arrow</source>
        <translation>Картаны шартты белгілерімен, масштаб сызғышымен және солтүстік бағдарымен PDF, PNG не SVG етіп шығару</translation>
    </message>
    <message>
        <source>Export &amp;web map…</source>
        <translation>&amp;Веб-картаны экспорттау…</translation>
    </message>
    <message>
        <source>Save an interactive map as one HTML file that opens in any browser, with no internet</source>
        <translation>Интерактивті картаны кез келген браузерде интернетсіз ашылатын бір HTML файлы етіп сақтау</translation>
    </message>
    <message>
        <source>Evidence &amp;dossier…</source>
        <translation>&amp;Дәлелдемелер досьесі…</translation>
    </message>
    <message>
        <source>A PDF of the selected site for auditors: map, attributes, photos with their SHA-256, history</source>
        <translation>Таңдалған нысан бойынша аудиторларға арналған PDF: карта, атрибуттар, SHA-256 хэші бар фотолар, тарих</translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation>Диа&amp;граммалар</translation>
    </message>
    <message>
        <source>Water area, trees planted and sites by status</source>
        <translation>Су ауданы, отырғызылған ағаштар және мәртебесі бойынша нысандар</translation>
    </message>
    <message>
        <source>Web map &amp;preview</source>
        <translation>Веб-картаны &amp;алдын ала қарау</translation>
    </message>
    <message>
        <source>The web map as it will look in a browser</source>
        <translation>Веб-карта браузерде қалай көрінсе, дәл солай</translation>
    </message>
    <message>
        <source>Exporting the map to {file}…</source>
        <translation>Карта {file} файлына экспортталуда…</translation>
    </message>
    <message>
        <source>The map was not exported</source>
        <translation>Карта экспортталмады</translation>
    </message>
    <message>
        <source>Export web map</source>
        <translation>Веб-картаны экспорттау</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Веб-беттер (*.html)</translation>
    </message>
    <message>
        <source>Exporting the web map to {file}…</source>
        <translation>Веб-карта {file} файлына экспортталуда…</translation>
    </message>
    <message>
        <source>The web map was not exported</source>
        <translation>Веб-карта экспортталмады</translation>
    </message>
    <message numerus="yes">
        <source>The web map of %n feature(s) was written to {path}. It opens in any browser, with no internet.</source>
        <translation>
            <numerusform>%n нысаны бар веб-карта {path} файлына жазылды. Ол кез келген браузерде интернетсіз ашылады.</numerusform>
            <numerusform>%n нысаны бар веб-карта {path} файлына жазылды. Ол кез келген браузерде интернетсіз ашылады.</numerusform>
        </translation>
    </message>
    <message>
        <source>Web map exported</source>
        <translation>Веб-карта экспортталды</translation>
    </message>
    <message>
        <source>Evidence dossier</source>
        <translation>Дәлелдемелер досьесі</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF құжаттары (*.pdf)</translation>
    </message>
    <message>
        <source>Making the evidence dossier {file}…</source>
        <translation>{file} дәлелдемелер досьесі жасалуда…</translation>
    </message>
    <message>
        <source>The dossier was not made</source>
        <translation>Досье жасалмады</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Тоқтатылды: ешбір файл жазылмады.</translation>
    </message>
    <message>
        <source>File written</source>
        <translation>Файл жазылды</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>{path} файлына жазылды.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ашу</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export a layer</source>
        <translation>Қабатты экспорттау</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Қабат:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Шолу…</translation>
    </message>
    <message>
        <source>Where to save; the extension chooses the format</source>
        <translation>Қайда сақтау керек; пішімді файл кеңейтімі анықтайды</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson)</source>
        <translation>GeoJSON (*.geojson)</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Shapefile (*.shp)</source>
        <translation>Shapefile (*.shp)</translation>
    </message>
    <message>
        <source>Zipped shapefile (*.zip)</source>
        <translation>ZIP-ке бумаланған shapefile (*.zip)</translation>
    </message>
    <message>
        <source>KML (*.kml)</source>
        <translation>KML (*.kml)</translation>
    </message>
    <message>
        <source>CSV with coordinates (*.csv)</source>
        <translation>Координаталары бар CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ExportMapDialog</name>
    <message>
        <source>Export map</source>
        <translation>Картаны экспорттау</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Тақырыбы</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>Тақырыпшасы</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Авторы</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>Бет өлшемі</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Бағдары</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Ажыратымдылығы</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Пішімі</translation>
    </message>
    <message>
        <source>Language of the labels</source>
        <translation>Жазулар тілі</translation>
    </message>
    <message>
        <source>Extent</source>
        <translation>Қамту аумағы</translation>
    </message>
    <message>
        <source>West, south, east, north</source>
        <translation>Батыс, оңтүстік, шығыс, солтүстік</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Кітаптық</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Альбомдық</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>The map as it is shown now</source>
        <translation>Қазір көрсетіліп тұрған карта</translation>
    </message>
    <message>
        <source>A chosen extent (degrees)</source>
        <translation>Таңдалған аумақ (градус)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Шолу…</translation>
    </message>
    <message>
        <source>e.g. Illegal quarries of Ile district</source>
        <translation>мысалы, Іле ауданының заңсыз карьерлері</translation>
    </message>
    <message>
        <source>Exhibit (*.{suffix})</source>
        <translation>Көрме (*.{suffix})</translation>
    </message>
    <message>
        <source>The folder of the file does not exist.</source>
        <translation>Файлдың қалтасы жоқ.</translation>
    </message>
</context>
<context>
    <name>FeatureDetails</name>
    <message>
        <source>Click a feature on the map or a row in the table to see it here.</source>
        <translation>Осында көру үшін картадағы нысанды немесе кестедегі жолды басыңыз.</translation>
    </message>
    <message>
        <source>This feature no longer exists (deleted or moved to another store).</source>
        <translation>Бұл нысан енді жоқ (жойылған немесе басқа қоймаға көшірілген).</translation>
    </message>
    <message>
        <source>The store of this feature is closed.</source>
        <translation>Бұл нысанның қоймасы жабық.</translation>
    </message>
    <message>
        <source>computed from the geometry</source>
        <translation>геометриядан есептелген</translation>
    </message>
    <message>
        <source>Identifier (uuid)</source>
        <translation>Сәйкестендіргіш (uuid)</translation>
    </message>
    <message>
        <source>Position (lat, lon)</source>
        <translation>Орны (ендік, бойлық)</translation>
    </message>
    <message>
        <source>No local changes waiting to be synced.</source>
        <translation>Синхрондауды күтіп тұрған жергілікті өзгерістер жоқ.</translation>
    </message>
    <message>
        <source>Added here; not yet synced.</source>
        <translation>Осында қосылды; әлі синхрондалмаған.</translation>
    </message>
    <message>
        <source>geometry</source>
        <translation>геометрия</translation>
    </message>
    <message>
        <source>Changed here, not yet synced: {fields}.</source>
        <translation>Осында өзгертілді, әлі синхрондалмаған: {fields}.</translation>
    </message>
    <message numerus="yes">
        <source>Attachments (%n)</source>
        <translation>
            <numerusform>Тіркемелер (%n)</numerusform>
            <numerusform>Тіркемелер (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>(no file name)</source>
        <translation>(файл атауы жоқ)</translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <translation>{size} байт</translation>
    </message>
    <message>
        <source>Taken (camera time): {time}</source>
        <translation>Түсірілген уақыты (камера бойынша): {time}</translation>
    </message>
    <message>
        <source>Camera: {camera}</source>
        <translation>Камера: {camera}</translation>
    </message>
    <message>
        <source>Photo position: {lat:.6f}, {lon:.6f}</source>
        <translation>Фото орны: {lat:.6f}, {lon:.6f}</translation>
    </message>
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <source>Required</source>
        <translation>Міндетті</translation>
    </message>
    <message>
        <source>At least {minimum}</source>
        <translation>Кемінде {minimum}</translation>
    </message>
    <message>
        <source>Must be from {minimum} to {maximum}</source>
        <translation>{minimum} мен {maximum} аралығында болуы керек</translation>
    </message>
    <message>
        <source>At most {maximum}</source>
        <translation>Ең көбі {maximum}</translation>
    </message>
    <message>
        <source>This date is in the future; an observation cannot be</source>
        <translation>Бұл күн болашақта; бақылау болашақта болуы мүмкін емес</translation>
    </message>
    <message>
        <source>Dates start in {year}</source>
        <translation>Күндер {year} жылдан басталады</translation>
    </message>
    <message>
        <source>Too long: {length} characters, at most {limit}</source>
        <translation>Тым ұзын: {length} таңба, ең көбі {limit}</translation>
    </message>
    <message>
        <source>A polygon needs at least 3 corners; this one has {count}</source>
        <translation>Көпбұрышта кемінде 3 төбе болуы керек; мұнда {count}</translation>
    </message>
    <message>
        <source>The outline crosses itself: fix it automatically, or keep editing</source>
        <translation>Контур өзін-өзі қиып өтеді: оны автоматты түрде түзетіңіз немесе өңдеуді жалғастырыңыз</translation>
    </message>
    <message>
        <source>The position is outside the world: longitude must be -180…180 and latitude -90…90</source>
        <translation>Орны әлемнен тыс: бойлық -180…180, ендік -90…90 аралығында болуы керек</translation>
    </message>
    <message>
        <source>The site lies outside Kazakhstan and its neighbours: are latitude and longitude swapped?</source>
        <translation>Нысан Қазақстан мен көрші елдерден тыс жатыр: ендік пен бойлық ауысып кетпеді ме?</translation>
    </message>
    <message>
        <source>Place the feature on the map</source>
        <translation>Нысанды картаға орналастырыңыз</translation>
    </message>
    <message>
        <source>Computed from the geometry</source>
        <translation>Геометриядан есептеледі</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* міндетті</translation>
    </message>
    <message>
        <source>Fix outline</source>
        <translation>Контурды түзету</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сақтау</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Болдырмау</translation>
    </message>
</context>
<context>
    <name>FeatureFormPanel</name>
    <message>
        <source>Loading…</source>
        <translation>Жүктелуде…</translation>
    </message>
    <message>
        <source>Photos ({count})</source>
        <translation>Фотосуреттер ({count})</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Фотосуреттер</translation>
    </message>
    <message>
        <source>Show or hide the photos of this feature</source>
        <translation>Осы нысанның фотосуреттерін көрсету немесе жасыру</translation>
    </message>
    <message>
        <source>Choose an edit tool and place a feature on the map, or select a feature and choose Edit &gt; Edit attributes.</source>
        <translation>Өңдеу құралын таңдап, нысанды картаға қойыңыз немесе нысанды таңдап, Өңдеу &gt; Атрибуттарды өзгерту пәрменін таңдаңыз.</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Branch</source>
        <translation>Филиал</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Ескертпелер</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>Құрылған уақыты</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Кім құрды</translation>
    </message>
    <message>
        <source>Updated at</source>
        <translation>Өзгертілген уақыты</translation>
    </message>
    <message>
        <source>Updated by</source>
        <translation>Кім өзгертті</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Атауы</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Мәртебесі</translation>
    </message>
    <message>
        <source>Legal status</source>
        <translation>Құқықтық мәртебесі</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <source>Licence number</source>
        <translation>Лицензия нөмірі</translation>
    </message>
    <message>
        <source>Area, ha</source>
        <translation>Ауданы, га</translation>
    </message>
    <message>
        <source>Observed on</source>
        <translation>Байқалған күні</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Жабылған күні</translation>
    </message>
    <message>
        <source>Emissions</source>
        <translation>Шығарындылар</translation>
    </message>
    <message>
        <source>Receiving water</source>
        <translation>Қабылдаушы су объектісі</translation>
    </message>
    <message>
        <source>Discharge</source>
        <translation>Төгінді</translation>
    </message>
    <message>
        <source>Flow, m³/day</source>
        <translation>Шығыны, м³/тәул.</translation>
    </message>
    <message>
        <source>Affected settlements</source>
        <translation>Зардап шеккен елді мекендер</translation>
    </message>
    <message>
        <source>Last sampled on</source>
        <translation>Соңғы сынама алынған күн</translation>
    </message>
    <message>
        <source>Water body</source>
        <translation>Су айдыны</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Дереккөз</translation>
    </message>
    <message>
        <source>Area, km²</source>
        <translation>Ауданы, км²</translation>
    </message>
    <message>
        <source>Species</source>
        <translation>Ағаш түрі</translation>
    </message>
    <message>
        <source>Trees</source>
        <translation>Ағаштар саны</translation>
    </message>
    <message>
        <source>Planted on</source>
        <translation>Отырғызылған күні</translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation>Ұйымдастырушы</translation>
    </message>
    <message>
        <source>Survival, %</source>
        <translation>Тамыр алуы, %</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Тақырыбы</translation>
    </message>
    <message>
        <source>Planned on</source>
        <translation>Жоспарланған күні</translation>
    </message>
    <message>
        <source>Volunteers needed</source>
        <translation>Қажетті еріктілер саны</translation>
    </message>
    <message>
        <source>Waste collected, kg</source>
        <translation>Жиналған қоқыс, кг</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Байланыс</translation>
    </message>
</context>
<context>
    <name>GpsActions</name>
    <message>
        <source>&amp;GPS</source>
        <translation>&amp;GPS</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Қосылу…</translation>
    </message>
    <message>
        <source>Read positions from a GPS receiver, gpsd, a phone or a recorded log</source>
        <translation>Орынды GPS қабылдағыштан, gpsd-ден, телефоннан немесе жазылған журналдан оқу</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Ажырату</translation>
    </message>
    <message>
        <source>Stop reading the GPS receiver</source>
        <translation>GPS қабылдағышты оқуды тоқтату</translation>
    </message>
    <message>
        <source>&amp;Follow my position</source>
        <translation>Менің орнымды &amp;қадағалау</translation>
    </message>
    <message>
        <source>Keep your position in view; moving the map by hand pauses it</source>
        <translation>Орныңызды картада көрсетіп тұру; картаны қолмен жылжытсаңыз, қадағалау кідіртіледі</translation>
    </message>
    <message>
        <source>Add &amp;point at my position…</source>
        <translation>Менің орныма &amp;нүкте қосу…</translation>
    </message>
    <message>
        <source>Average the next fixes and add a point of the edited layer there</source>
        <translation>Келесі өлшемдерді орташалап, сол жерге өңделетін қабаттың нүктесін қосу</translation>
    </message>
    <message>
        <source>Add &amp;corner at my position</source>
        <translation>Менің орныма &amp;бұрыш қосу</translation>
    </message>
    <message>
        <source>Walk the outline of an area: each corner where you stand</source>
        <translation>Аумақтың шекарасын жүріп өтіңіз: әр бұрыш — сіз тұрған жер</translation>
    </message>
    <message>
        <source>&amp;Record track…</source>
        <translation>Тректі &amp;жазу…</translation>
    </message>
    <message>
        <source>Write your walk to a GPX file as you go</source>
        <translation>Жүрген жолыңызды жүре отырып GPX файлына жазу</translation>
    </message>
    <message>
        <source>&amp;Pause recording</source>
        <translation>Жазуды &amp;кідірту</translation>
    </message>
    <message>
        <source>Pause the track; going on starts a new segment</source>
        <translation>Тректі кідірту; жалғастырғанда жаңа бөлік басталады</translation>
    </message>
    <message>
        <source>&amp;Stop recording…</source>
        <translation>Жазуды &amp;тоқтату…</translation>
    </message>
    <message>
        <source>Close the GPX file; the walked outline can become an area</source>
        <translation>GPX файлын жабу; жүріп өткен шекараны аумақ ретінде сақтауға болады</translation>
    </message>
    <message>
        <source>The GPS receiver is not answering ({reason}); trying again in {seconds} s.</source>
        <translation>GPS қабылдағыш жауап бермейді ({reason}); {seconds} с кейін қайта қосылады.</translation>
    </message>
    <message>
        <source>The NMEA log was replayed to its end.</source>
        <translation>NMEA журналы соңына дейін ойнатылды.</translation>
    </message>
    <message>
        <source>GPS: not answering, trying again</source>
        <translation>GPS: жауап жоқ, қайта қосылуда</translation>
    </message>
    <message>
        <source>GPS: connecting…</source>
        <translation>GPS: қосылуда…</translation>
    </message>
    <message>
        <source>GPS: no fix</source>
        <translation>GPS: орын анықталмаған</translation>
    </message>
    <message>
        <source>last fix {age}</source>
        <translation>соңғы орын {age}</translation>
    </message>
    <message>
        <source>GPS: {quality}</source>
        <translation>GPS: {quality}</translation>
    </message>
    <message numerus="yes">
        <source>%n satellite(s)</source>
        <translation>
            <numerusform>%n жер серігі</numerusform>
            <numerusform>%n жер серігі</numerusform>
        </translation>
    </message>
    <message>
        <source>±{metres} m</source>
        <translation>±{metres} м</translation>
    </message>
    <message numerus="yes">
        <source>track paused, %n point(s)</source>
        <translation>
            <numerusform>трек кідіртілді, %n нүкте</numerusform>
            <numerusform>трек кідіртілді, %n нүкте</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>recording, %n point(s)</source>
        <translation>
            <numerusform>жазылуда, %n нүкте</numerusform>
            <numerusform>жазылуда, %n нүкте</numerusform>
        </translation>
    </message>
    <message>
        <source>no fix</source>
        <translation>орын жоқ</translation>
    </message>
    <message>
        <source>GPS fix</source>
        <translation>автономды</translation>
    </message>
    <message>
        <source>DGPS fix</source>
        <translation>DGPS</translation>
    </message>
    <message>
        <source>PPS fix</source>
        <translation>PPS</translation>
    </message>
    <message>
        <source>RTK fixed</source>
        <translation>RTK (бекітілген)</translation>
    </message>
    <message>
        <source>RTK float</source>
        <translation>RTK (қалқымалы)</translation>
    </message>
    <message>
        <source>estimated (dead reckoning)</source>
        <translation>есептелген (инерциялық)</translation>
    </message>
    <message>
        <source>manual input</source>
        <translation>қолмен енгізілген</translation>
    </message>
    <message>
        <source>simulation</source>
        <translation>модельдеу</translation>
    </message>
    <message>
        <source>Following your position is paused: GPS › Follow my position resumes it.</source>
        <translation>Орныңызды қадағалау кідіртілді: GPS › Менің орнымды қадағалау оны қайта қосады.</translation>
    </message>
    <message>
        <source>Choose a point layer as the edit layer to add a point at your position.</source>
        <translation>Орныңызға нүкте қосу үшін өңделетін қабат ретінде нүкте қабатын таңдаңыз.</translation>
    </message>
    <message>
        <source>No current GPS position: wait until the receiver has a fix.</source>
        <translation>Ағымдағы GPS орны жоқ: қабылдағыш орынды анықтағанша күтіңіз.</translation>
    </message>
    <message>
        <source>Record the track to</source>
        <translation>Тректі жазатын файл</translation>
    </message>
    <message>
        <source>GPX (*.gpx)</source>
        <translation>GPX (*.gpx)</translation>
    </message>
    <message>
        <source>Track saved to {path}: {points} points, {length} m.</source>
        <translation>Трек {path} файлына сақталды: {points} нүкте, {length} м.</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n с бұрын</numerusform>
            <numerusform>%n с бұрын</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n мин бұрын</numerusform>
            <numerusform>%n мин бұрын</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n сағ бұрын</numerusform>
            <numerusform>%n сағ бұрын</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GpsConnectDialog</name>
    <message>
        <source>Host:</source>
        <translation>Хост:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Порт:</translation>
    </message>
    <message>
        <source>Speed (baud):</source>
        <translation>Жылдамдық (бод):</translation>
    </message>
    <message>
        <source>Address of the phone:</source>
        <translation>Телефонның мекенжайы:</translation>
    </message>
    <message>
        <source>Port on this computer:</source>
        <translation>Осы компьютердегі порт:</translation>
    </message>
    <message>
        <source>NMEA log:</source>
        <translation>NMEA журналы:</translation>
    </message>
    <message>
        <source>Replay:</source>
        <translation>Ойнату:</translation>
    </message>
    <message>
        <source>Connect to a GPS receiver</source>
        <translation>GPS қабылдағышқа қосылу</translation>
    </message>
    <message>
        <source>Where do positions come from?</source>
        <translation>Орын қайдан келеді?</translation>
    </message>
    <message>
        <source>gpsd (the GPS service of this or another computer)</source>
        <translation>gpsd (осы немесе басқа компьютердің GPS қызметі)</translation>
    </message>
    <message>
        <source>USB or Bluetooth receiver (serial port)</source>
        <translation>USB немесе Bluetooth қабылдағыш (сериялық порт)</translation>
    </message>
    <message>
        <source>Phone sharing its GPS over the network (TCP)</source>
        <translation>GPS-ін желі арқылы беретін телефон (TCP)</translation>
    </message>
    <message>
        <source>Phone sending its GPS to this computer (UDP)</source>
        <translation>GPS-ін осы компьютерге жіберетін телефон (UDP)</translation>
    </message>
    <message>
        <source>Recorded NMEA log (replay)</source>
        <translation>Жазылған NMEA журналы (ойнату)</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Анықтау</translation>
    </message>
    <message>
        <source>As recorded</source>
        <translation>Жазылғандай</translation>
    </message>
    <message>
        <source>10 times faster</source>
        <translation>10 есе жылдам</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>Барынша жылдам</translation>
    </message>
    <message>
        <source>Start again at the end</source>
        <translation>Соңында қайта бастау</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Шолу…</translation>
    </message>
    <message>
        <source>Choose an NMEA log</source>
        <translation>NMEA журналын таңдаңыз</translation>
    </message>
    <message>
        <source>NMEA logs (*.nmea *.log *.txt);;All files (*)</source>
        <translation>NMEA журналдары (*.nmea *.log *.txt);;Барлық файлдар (*)</translation>
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
    <name>ImportDialog</name>
    <message>
        <source>Import a file</source>
        <translation>Файлды импорттау</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Layer in the file:</source>
        <translation>Файлдағы қабат:</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>Мәтін кодтауы:</translation>
    </message>
    <message>
        <source>Import into:</source>
        <translation>Қайда импорттау:</translation>
    </message>
    <message>
        <source>Fields (the column of the file for each field, or one value for every row):</source>
        <translation>Өрістер (әр өріс үшін файлдың бағаны немесе барлық жолдар үшін бір мән):</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Алдын ала қарау:</translation>
    </message>
    <message>
        <source>Automatic (told from the file)</source>
        <translation>Автоматты түрде (файлдан анықталады)</translation>
    </message>
    <message>
        <source>CP1251 (Windows, Cyrillic)</source>
        <translation>CP1251 (Windows, кирилл)</translation>
    </message>
    <message>
        <source>KZ-1048 (Windows, Kazakh)</source>
        <translation>KZ-1048 (Windows, қазақ)</translation>
    </message>
    <message>
        <source>CP866 (DOS, Cyrillic)</source>
        <translation>CP866 (DOS, кирилл)</translation>
    </message>
    <message>
        <source>CP1252 (Windows, Western European)</source>
        <translation>CP1252 (Windows, батыс еуропалық)</translation>
    </message>
    <message>
        <source>The code page the file&apos;s text was written in. Choose another when names look garbled.</source>
        <translation>Файл мәтіні жазылған кодтық бет. Атаулар бұрмаланып көрінсе, басқасын таңдаңыз.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Шолу…</translation>
    </message>
    <message>
        <source>Import the valid rows and skip the invalid ones</source>
        <translation>Дұрыс жолдарды импорттап, қателерін өткізіп жіберу</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Өріс</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Баған</translation>
    </message>
    <message>
        <source>Value for rows without one</source>
        <translation>Мәні жоқ жолдарға арналған мән</translation>
    </message>
    <message>
        <source>(the only or every layer)</source>
        <translation>(жалғыз немесе барлық қабат)</translation>
    </message>
    <message>
        <source>Files baytak can import (*.geojson *.json *.gpkg *.shp *.zip *.dbf *.tab *.mif *.kml *.kmz *.gpx *.gml *.fgb *.csv *.txt *.xlsx *.ods)</source>
        <translation>baytak импорттай алатын файлдар (*.geojson *.json *.gpkg *.shp *.zip *.dbf *.tab *.mif *.kml *.kmz *.gpx *.gml *.fgb *.csv *.txt *.xlsx *.ods)</translation>
    </message>
    <message>
        <source>Not imported (no field takes them): {columns}</source>
        <translation>Импортталмайды (оларды ешбір өріс қабылдамайды): {columns}</translation>
    </message>
    <message>
        <source>Needs a column or a value: {fields}</source>
        <translation>Баған немесе мән керек: {fields}</translation>
    </message>
    <message>
        <source>as chosen</source>
        <translation>таңдалғандай</translation>
    </message>
    <message>
        <source>as the file declares</source>
        <translation>файлда көрсетілгендей</translation>
    </message>
    <message>
        <source>as the .dbf file says</source>
        <translation>.dbf файлында көрсетілгендей</translation>
    </message>
    <message>
        <source>told from the text; choose another above if names look garbled</source>
        <translation>мәтіннен анықталды; атаулар бұрмаланып көрінсе, жоғарыдан басқасын таңдаңыз</translation>
    </message>
    <message>
        <source>Text read as {encoding} ({how}).</source>
        <translation>Мәтін {encoding} ретінде оқылды ({how}).</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Файл оқылуда…</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>Геометрия</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(жоқ)</translation>
    </message>
    <message>
        <source>This file cannot be imported: {reason}</source>
        <translation>Бұл файлды импорттау мүмкін емес: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) in the file.</source>
        <translation>
            <numerusform>Файлда %n нысан бар.</numerusform>
            <numerusform>Файлда %n нысан бар.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have no usable geometry.</source>
        <translation>
            <numerusform>%n жолда жарамды геометрия жоқ.</numerusform>
            <numerusform>%n жолда жарамды геометрия жоқ.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Болдырмау</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Тоқтатылуда…</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Zoom to layer</source>
        <translation>Қабатқа жақындату</translation>
    </message>
    <message>
        <source>Style…</source>
        <translation>Стиль…</translation>
    </message>
    <message>
        <source>Open attribute table</source>
        <translation>Атрибуттар кестесін ашу</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n нысан</numerusform>
            <numerusform>%n нысан</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Жазулар</translation>
    </message>
    <message>
        <source>No labels</source>
        <translation>Жазусыз</translation>
    </message>
    <message>
        <source>Tick to show a layer; drag to change which is drawn on top; right-click for style, labels and the attribute table</source>
        <translation>Қабатты көрсету үшін белгілеңіз; қайсысы үстінде сызылатынын өзгерту үшін сүйреңіз; стиль, жазулар және атрибуттар кестесі үшін тінтуірдің оң жағын басыңыз</translation>
    </message>
</context>
<context>
    <name>Layers</name>
    <message>
        <source>Quarries</source>
        <translation>Карьерлер</translation>
    </message>
    <message>
        <source>Brick factories</source>
        <translation>Кірпіш зауыттары</translation>
    </message>
    <message>
        <source>Sewage outflows</source>
        <translation>Сарқынды су төгінділері</translation>
    </message>
    <message>
        <source>Shorelines</source>
        <translation>Жағалау сызықтары</translation>
    </message>
    <message>
        <source>Tree plantings</source>
        <translation>Ағаш отырғызу</translation>
    </message>
    <message>
        <source>Cleanup plans</source>
        <translation>Тазалау жоспарлары</translation>
    </message>
</context>
<context>
    <name>LocalAuthor</name>
    <message>
        <source>Your &amp;name on edits…</source>
        <translation>Түзетулердегі &amp;атыңыз…</translation>
    </message>
    <message>
        <source>The name recorded as the author of the features you add and change</source>
        <translation>Сіз қосқан және өзгерткен нысандардың авторы ретінде жазылатын ат</translation>
    </message>
    <message>
        <source>Your name on edits</source>
        <translation>Түзетулердегі атыңыз</translation>
    </message>
    <message>
        <source>Recorded as &quot;Created by&quot; and &quot;Changed by&quot; of the features you add and change. Leave empty to use the name you sign in with, or this computer&apos;s user name.</source>
        <translation>Сіз қосқан және өзгерткен нысандардың «Кім жасады» және «Кім өзгертті» өрістеріне жазылады. Серверге кіретін атыңызды немесе осы компьютердегі пайдаланушы атын қолдану үшін бос қалдырыңыз.</translation>
    </message>
</context>
<context>
    <name>LockWait</name>
    <message>
        <source>Waiting for {program}, which has the store open for writing ({seconds} s)…</source>
        <translation>Қойманы жазу үшін ашып отырған {program} күтілуде ({seconds} с)…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Layers</source>
        <translation>Қабаттар</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Мәліметтер</translation>
    </message>
    <message>
        <source>Feature details</source>
        <translation>Нысан мәліметтері</translation>
    </message>
    <message>
        <source>The store&apos;s new layers and fields could not be read: {message}</source>
        <translation>Қойманың жаңа қабаттары мен өрістерін оқу мүмкін болмады: {message}</translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation>{file} ашылуда…</translation>
    </message>
    <message>
        <source>Opening {file}: another program is writing to it. It opens as soon as that program is done.</source>
        <translation>{file} ашылуда: оған басқа бағдарлама жазып жатыр. Ол бағдарлама жұмысын аяқтаған бойда ашылады.</translation>
    </message>
    <message>
        <source>{name} (demo store: illustrative data)</source>
        <translation>{name} (демо қойма: мысал деректер)</translation>
    </message>
    <message>
        <source>A sync with the server</source>
        <translation>Сервермен синхрондау</translation>
    </message>
    <message>
        <source>Saving your edits… the window closes when they are written.</source>
        <translation>Түзетулеріңіз сақталуда… олар жазылғанда терезе жабылады.</translation>
    </message>
    <message>
        <source>Cancel and close?</source>
        <translation>Тоқтатып, жабу керек пе?</translation>
    </message>
    <message>
        <source>Still running:
{jobs}

Cancel and close the window? The store stays as it was before.</source>
        <translation>Әлі орындалуда:
{jobs}

Тоқтатып, терезені жабу керек пе? Қойма бұрынғы күйінде қалады.</translation>
    </message>
    <message>
        <source>Cancelling… the window closes when the store is as it was.</source>
        <translation>Тоқтатылуда… қойма бұрынғы күйіне қайтқанда терезе жабылады.</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>Атрибуттар кестесі</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>Map</source>
        <translation>Карта</translation>
    </message>
</context>
<context>
    <name>MapTool</name>
    <message>
        <source>Click on the map where the site is, or drop a geotagged photo on the map</source>
        <translation>Нысан орналасқан жерді картадан басыңыз немесе геотегі бар фотоны картаға тастаңыз</translation>
    </message>
    <message>
        <source>The position is outside the world: longitude must be -180…180 and latitude -90…90</source>
        <translation>Орны әлемнен тыс: бойлық -180…180, ендік -90…90 аралығында болуы керек</translation>
    </message>
    <message>
        <source>Reading the map data…</source>
        <translation>Карта деректері оқылуда…</translation>
    </message>
    <message>
        <source>A polygon needs at least 3 corners; this one has {count}</source>
        <translation>Көпбұрышта кемінде 3 төбе болуы керек; мұнда {count}</translation>
    </message>
    <message>
        <source>The outline crosses itself</source>
        <translation>Контур өзін-өзі қиып өтеді</translation>
    </message>
    <message>
        <source>Delete features</source>
        <translation>Нысандарды жою</translation>
    </message>
    <message>
        <source>Delete “{name}” from {layer}? You can undo this with Undo.</source>
        <translation>«{name}» нысанын «{layer}» қабатынан жоясыз ба? Мұны «Болдырмау» арқылы қайтаруға болады.</translation>
    </message>
    <message>
        <source>Delete %n feature(s) from {layer}? Undo restores them.</source>
        <translation>«{layer}» қабатынан %n нысанды жоясыз ба? «Болдырмау» оларды қайтарады.</translation>
    </message>
    <message>
        <source>Click a feature of the edited layer to delete it</source>
        <translation>Жою үшін өңделетін қабаттың нысанын басыңыз</translation>
    </message>
    <message>
        <source>Click the corners; double-click or Enter to finish, Backspace removes the last corner, Esc cancels</source>
        <translation>Төбелерді басыңыз; аяқтау үшін екі рет басыңыз не Enter пернесін басыңыз, Backspace соңғы төбені өшіреді, Esc бас тартады</translation>
    </message>
    <message>
        <source>Click the points of the line; double-click or Enter to finish, Backspace removes the last point, Esc cancels</source>
        <translation>Сызықтың нүктелерін басыңыз; аяқтау үшін екі рет басыңыз не Enter пернесін басыңыз, Backspace соңғы нүктені өшіреді, Esc бас тартады</translation>
    </message>
    <message>
        <source>The outline crosses itself. Fix it automatically (the crossing parts become separate parts of the area), or keep editing?</source>
        <translation>Контур өзін-өзі қиып өтеді. Оны автоматты түрде түзетейік пе (қиылысатын бөліктер аумақтың жеке бөліктеріне айналады), әлде өңдеуді жалғастырасыз ба?</translation>
    </message>
    <message>
        <source>Fix outline</source>
        <translation>Контурды түзету</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Өңдеуді жалғастыру</translation>
    </message>
    <message>
        <source>A line needs at least 2 points</source>
        <translation>Сызықта кемінде 2 нүкте болуы керек</translation>
    </message>
    <message>
        <source>Click the corners of the area to measure; double-click to finish, Esc clears</source>
        <translation>Өлшенетін аумақтың төбелерін басыңыз; аяқтау үшін екі рет басыңыз, Esc тазартады</translation>
    </message>
    <message>
        <source>Click points to measure the distance along them; double-click to finish, Esc clears</source>
        <translation>Қашықтықты өлшеу үшін жол бойындағы нүктелерді басыңыз; аяқтау үшін екі рет басыңыз, Esc тазартады</translation>
    </message>
    <message>
        <source>Drag a feature of the edited layer to move it</source>
        <translation>Орнын ауыстыру үшін өңделетін қабаттың нысанын сүйреңіз</translation>
    </message>
    <message>
        <source>Draw a line across an area to cut it in two; double-click or Enter to cut, Esc cancels</source>
        <translation>Аумақты екіге бөлу үшін оны қиып өтетін сызық сызыңыз; кесу үшін екі рет басыңыз не Enter, Esc бас тартады</translation>
    </message>
    <message>
        <source>The line does not cut across an area of the edited layer</source>
        <translation>Сызық өңделетін қабаттың ешбір аумағын қиып өтпейді</translation>
    </message>
    <message>
        <source>Click the area to keep (its attributes stay)</source>
        <translation>Қалатын аумақты басыңыз (оның атрибуттары сақталады)</translation>
    </message>
    <message>
        <source>Click the area to merge into it; Esc starts again</source>
        <translation>Оған қосылатын аумақты басыңыз; Esc қайта бастайды</translation>
    </message>
    <message>
        <source>Click a feature, then drag its corners; double-click an edge to add a corner, Delete removes the chosen corner</source>
        <translation>Нысанды басып, оның төбелерін сүйреңіз; төбе қосу үшін қырын екі рет басыңыз, Delete таңдалған төбені жояды</translation>
    </message>
</context>
<context>
    <name>Measure</name>
    <message>
        <source>{value} m</source>
        <translation>{value} м</translation>
    </message>
    <message>
        <source>{value} km</source>
        <translation>{value} км</translation>
    </message>
    <message>
        <source>{value} ha</source>
        <translation>{value} га</translation>
    </message>
    <message>
        <source>{value} km²</source>
        <translation>{value} км²</translation>
    </message>
    <message>
        <source>Area {area}, perimeter {perimeter}</source>
        <translation>Ауданы {area}, периметрі {perimeter}</translation>
    </message>
    <message>
        <source>Distance {length}</source>
        <translation>Қашықтық {length}</translation>
    </message>
</context>
<context>
    <name>MeasureResult</name>
    <message>
        <source>Click on the map to measure</source>
        <translation>Өлшеу үшін картаны басыңыз</translation>
    </message>
</context>
<context>
    <name>OnlineTiles</name>
    <message>
        <source>“{url}” is not a tile address: it must start with http:// or https:// and contain {{z}}, {{x}} and {{y}}.</source>
        <translation>“{url}” тайл мекенжайы емес: ол http:// немесе https:// деп басталып, {{z}}, {{x}} және {{y}} қамтуы керек.</translation>
    </message>
    <message>
        <source>Online tiles</source>
        <translation>Онлайн тайлдар</translation>
    </message>
    <message>
        <source>Address of an XYZ tile server, with {z}, {x} and {y} (tiles are kept on this computer for use without a connection; leave empty for none):</source>
        <translation>{z}, {x} және {y} бар XYZ тайл серверінің мекенжайы (тайлдар байланыссыз қолдану үшін осы компьютерде сақталады; қажет болмаса, бос қалдырыңыз):</translation>
    </message>
</context>
<context>
    <name>OpacityControl</name>
    <message>
        <source>{value} %</source>
        <translation>{value} %</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Мөлдірсіздік</translation>
    </message>
    <message>
        <source>How opaque the current layer is drawn</source>
        <translation>Ағымдағы қабаттың қаншалықты мөлдір емес сызылатыны</translation>
    </message>
</context>
<context>
    <name>PhotoFlags</name>
    <message>
        <source>Taken {distance} from the site</source>
        <translation>Нысаннан {distance} қашықтықта түсірілген</translation>
    </message>
    <message>
        <source>{days} days before the observation ({date})</source>
        <translation>бақылаудан ({date}) {days} күн бұрын</translation>
    </message>
    <message>
        <source>{days} days after the observation ({date})</source>
        <translation>бақылаудан ({date}) {days} күн кейін</translation>
    </message>
    <message>
        <source>{n} km</source>
        <translation>{n} км</translation>
    </message>
    <message>
        <source>{n} m</source>
        <translation>{n} м</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Attach photos</source>
        <translation>Фото тіркеу</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</source>
        <translation>Фотолар (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</translation>
    </message>
    <message>
        <source>No photos yet: add them here or drop them onto this form.</source>
        <translation>Әзірге фото жоқ: оларды осында қосыңыз немесе осы пішінге тастаңыз.</translation>
    </message>
    <message>
        <source>Save the feature to attach photos.</source>
        <translation>Фото тіркеу үшін нысанды сақтаңыз.</translation>
    </message>
    <message>
        <source>SHA-256: {sha}</source>
        <translation>SHA-256: {sha}</translation>
    </message>
    <message>
        <source>Taken: {when}</source>
        <translation>Түсірілген уақыты: {when}</translation>
    </message>
    <message>
        <source>Taken: unknown (no EXIF time)</source>
        <translation>Түсірілген уақыты: белгісіз (EXIF уақыты жоқ)</translation>
    </message>
    <message>
        <source>Position: {position}</source>
        <translation>Орны: {position}</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>Фото қосу…</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Фотоны алып тастау</translation>
    </message>
    <message>
        <source>Drop photos here to attach them</source>
        <translation>Тіркеу үшін фотоларды осында тастаңыз</translation>
    </message>
</context>
<context>
    <name>ReferencePanel</name>
    <message>
        <source>Basemaps and imagery</source>
        <translation>Негізгі карталар мен суреттер</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Мөлдірсіздік</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>Жарықтық</translation>
    </message>
    <message>
        <source>One date at a time</source>
        <translation>Бір күн ғана</translation>
    </message>
    <message>
        <source>Show only the images taken on the date chosen with the slider</source>
        <translation>Жүгірткімен таңдалған күні түсірілген суреттерді ғана көрсету</translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation>Перде</translation>
    </message>
    <message>
        <source>Show the top image only left of the slider&apos;s position, to compare it with what is under it</source>
        <translation>Жоғарғы суретті жүгірткі тұрған жердің сол жағында ғана көрсету: астындағымен салыстыру үшін</translation>
    </message>
    <message>
        <source>Not on this device: {path}</source>
        <translation>Бұл құрылғыда жоқ: {path}</translation>
    </message>
    <message>
        <source>Image: {title}</source>
        <translation>Сурет: {title}</translation>
    </message>
    <message>
        <source>OpenStreetMap: {title}</source>
        <translation>OpenStreetMap: {title}</translation>
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
    <name>ScaleBar</name>
    <message>
        <source>Scale at the centre of the map, measured on the ellipsoid</source>
        <translation>Карта ортасындағы масштаб, эллипсоид бойынша өлшенген</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Scale 1:{n}</source>
        <translation>Масштаб 1:{n}</translation>
    </message>
    <message>
        <source>Demo store: illustrative data, never synced</source>
        <translation>Демо қойма: мысал деректер, ешқашан синхрондалмайды</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) not yet synced</source>
        <translation>
            <numerusform>%n өзгеріс синхрондалмаған</numerusform>
            <numerusform>%n өзгеріс синхрондалмаған</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepAction</name>
    <message>
        <source>&amp;Undo {step}</source>
        <translation>&amp;Болдырмау: {step}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Болдырмау</translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation>&amp;Қайталау: {step}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Қайталау</translation>
    </message>
</context>
<context>
    <name>StoreProblems</name>
    <message>
        <source>The layer {layer} cannot be read ({reason}); the other layers are shown. Run “baytak validate” on the store for details.</source>
        <translation>«{layer}» қабатын оқу мүмкін емес ({reason}); қалған қабаттар көрсетілді. Толығырақ білу үшін қоймаға «baytak validate» командасын орындаңыз.</translation>
    </message>
    <message>
        <source>The store has a layer {layer} that Baytak does not know; it is not shown here (QGIS can open it).</source>
        <translation>Қоймада Baytak білмейтін {layer} қабаты бар; ол мұнда көрсетілмейді (оны QGIS аша алады).</translation>
    </message>
    <message>
        <source>The store is open read-only: it could not be upgraded or repaired, so nothing can be changed in it.</source>
        <translation>Қойма тек оқу үшін ашылды: оны жаңарту не жөндеу мүмкін болмады, сондықтан онда ештеңе өзгерту мүмкін емес.</translation>
    </message>
</context>
<context>
    <name>StyleDialog</name>
    <message>
        <source>The field {field} has no values in this layer yet.</source>
        <translation>Бұл қабатта {field} өрісінің әлі мәндері жоқ.</translation>
    </message>
    <message>
        <source>Style of {layer}</source>
        <translation>{layer} стилі</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Стиль</translation>
    </message>
    <message>
        <source>Single symbol</source>
        <translation>Бірыңғай таңба</translation>
    </message>
    <message>
        <source>Categorized</source>
        <translation>Санаттар бойынша</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Жазулар</translation>
    </message>
    <message>
        <source>No labels</source>
        <translation>Жазусыз</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Таңба</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Санаттар</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Өріс</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>Жіктеу</translation>
    </message>
    <message>
        <source>One category per value of the field, each with its own colour</source>
        <translation>Өрістің әр мәніне өз түсі бар бір санат</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Жою</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Алдын ала қарау</translation>
    </message>
</context>
<context>
    <name>StylesModel</name>
    <message>
        <source>The style is used but could not be saved in the store: {reason}</source>
        <translation>Стиль қолданылды, бірақ қоймаға сақталмады: {reason}</translation>
    </message>
</context>
<context>
    <name>SymbolEditor</name>
    <message>
        <source>Fill of other values</source>
        <translation>Басқа мәндердің құю түсі</translation>
    </message>
    <message>
        <source>Fill colour</source>
        <translation>Құю түсі</translation>
    </message>
    <message>
        <source>Outline colour</source>
        <translation>Контур түсі</translation>
    </message>
    <message>
        <source>Line colour</source>
        <translation>Сызық түсі</translation>
    </message>
    <message>
        <source>Line colour of other values</source>
        <translation>Басқа мәндердің сызық түсі</translation>
    </message>
    <message>
        <source>Outline width, px</source>
        <translation>Контур қалыңдығы, пикс.</translation>
    </message>
    <message>
        <source>Line width, px</source>
        <translation>Сызық қалыңдығы, пикс.</translation>
    </message>
    <message>
        <source>Line pattern</source>
        <translation>Сызық түрі</translation>
    </message>
    <message>
        <source>Point size, px</source>
        <translation>Нүкте өлшемі, пикс.</translation>
    </message>
    <message>
        <source>Fill transparency, %</source>
        <translation>Құю мөлдірлігі, %</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>History</source>
        <translation>Тарих</translation>
    </message>
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
        <translation>Қазір &amp;синхрондау</translation>
    </message>
    <message>
        <source>Send your edits and get everyone else&apos;s</source>
        <translation>Өз түзетулеріңізді жіберіп, басқалардікін алу</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <source>Forget this computer&apos;s sign-in</source>
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
        <source>Review</source>
        <translation>Тексеру</translation>
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
<context>
    <name>TrackSaveDialog</name>
    <message>
        <source>Save the walked track</source>
        <translation>Жүрілген жолды сақтау</translation>
    </message>
    <message>
        <source>The track has {points} points, {length} m walked. Save it as a new feature: the outline of an area, or a line (a river bank, a canal)? The GPX file stays either way.</source>
        <translation>Жолда {points} нүкте бар, {length} м жүрілді. Оны жаңа нысан ретінде сақтау керек пе: аумақтың шекарасы ма, әлде сызық па (өзен жағасы, арна)? GPX файлы қалай болғанда да сақталады.</translation>
    </message>
    <message>
        <source>m</source>
        <translation>м</translation>
    </message>
    <message>
        <source>Corners closer than this to the outline are dropped: the footsteps&apos; zig-zag goes</source>
        <translation>Шекарадан осы қашықтықтан жақын бұрыштар алынып тасталады: қадамдардың ирелеңі кетеді</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Қабат:</translation>
    </message>
    <message>
        <source>Simplify:</source>
        <translation>Жеңілдету:</translation>
    </message>
    <message>
        <source>Save as outline</source>
        <translation>Шекара ретінде сақтау</translation>
    </message>
    <message>
        <source>Save as line</source>
        <translation>Сызық ретінде сақтау</translation>
    </message>
    <message>
        <source>Keep only the GPX</source>
        <translation>Тек GPX қалдыру</translation>
    </message>
</context>
<context>
    <name>WebMapDock</name>
    <message>
        <source>Web map</source>
        <translation>Веб-карта</translation>
    </message>
    <message>
        <source>Web map preview</source>
        <translation>Веб-картаны алдын ала қарау</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Жаңарту</translation>
    </message>
    <message>
        <source>Build the web map again from the store</source>
        <translation>Веб-картаны қоймадан қайта құру</translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation>Ешбір қойма ашылмаған.</translation>
    </message>
    <message>
        <source>Building the web map…</source>
        <translation>Веб-карта құрылуда…</translation>
    </message>
    <message>
        <source>Offline: nothing is fetched from the internet. Click a feature to select it.</source>
        <translation>Желісіз: интернеттен ештеңе жүктелмейді. Нысанды таңдау үшін оны басыңыз.</translation>
    </message>
    <message>
        <source>The web map could not be built: {reason}</source>
        <translation>Веб-картаны құру мүмкін болмады: {reason}</translation>
    </message>
    <message>
        <source>The preview is not available here: {reason}</source>
        <translation>Мұнда алдын ала қарау қолжетімсіз: {reason}</translation>
    </message>
</context>
<context>
    <name>WebMapPreview</name>
    <message>
        <source>Web map preview</source>
        <translation>Веб-картаны алдын ала қарау</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Open a GeoPackage</source>
        <translation>GeoPackage ашу</translation>
    </message>
    <message>
        <source>GeoPackage files (*.gpkg)</source>
        <translation>GeoPackage файлдары (*.gpkg)</translation>
    </message>
    <message>
        <source>Welcome to Baytak</source>
        <translation>Baytak-қа қош келдіңіз</translation>
    </message>
    <message>
        <source>Baytak keeps your sites (quarries, brick factories, sewage outflows, tree plantings, cleanups) on this computer and works without the Internet. How would you like to start?</source>
        <translation>Baytak нысандарыңызды (карьерлер, кірпіш зауыттары, сарқынды су төгінділері, ағаш отырғызу, тазалау шаралары) осы компьютерде сақтайды және интернетсіз жұмыс істейді. Неден бастайсыз?</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Тіл:</translation>
    </message>
    <message>
        <source>My &amp;branch:</source>
        <translation>Менің &amp;филиалым:</translation>
    </message>
    <message>
        <source>Open the demo map</source>
        <translation>Демо картаны ашу</translation>
    </message>
    <message>
        <source>Look around first: sample sites across Kazakhstan (illustrative positions).</source>
        <translation>Алдымен танысып шығыңыз: Қазақстан бойынша үлгі нысандар (орындары шамамен берілген).</translation>
    </message>
    <message>
        <source>Create an empty store for my branch</source>
        <translation>Филиалым үшін бос қойма құру</translation>
    </message>
    <message>
        <source>A new store for the branch chosen above, saved in {folder}.</source>
        <translation>Жоғарыда таңдалған филиалға арналған жаңа қойма, {folder} қалтасында сақталады.</translation>
    </message>
    <message>
        <source>Open an existing GeoPackage…</source>
        <translation>Бар GeoPackage файлын ашу…</translation>
    </message>
    <message>
        <source>A store a colleague gave you, or any GeoPackage (.gpkg).</source>
        <translation>Әріптесіңіз берген қойма немесе кез келген GeoPackage (.gpkg).</translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation>Серверге қосылу…</translation>
    </message>
    <message>
        <source>Sign in to your party&apos;s sync server and get your branch&apos;s data.</source>
        <translation>Партияңыздың синхрондау серверіне кіріп, филиалыңыздың деректерін алыңыз.</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Көрініс</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Анықтама</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>Панельдер</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Тіл</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Құралдар тақтасы</translation>
    </message>
    <message>
        <source>&amp;Open store…</source>
        <translation>Қойманы &amp;ашу…</translation>
    </message>
    <message>
        <source>Open a GeoPackage store</source>
        <translation>GeoPackage қоймасын ашу</translation>
    </message>
    <message>
        <source>&amp;New store…</source>
        <translation>&amp;Жаңа қойма…</translation>
    </message>
    <message>
        <source>Create a new, empty store</source>
        <translation>Жаңа, бос қойма құру</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Импорттау…</translation>
    </message>
    <message>
        <source>Import a file into a layer</source>
        <translation>Файлды қабатқа импорттау</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Экспорттау…</translation>
    </message>
    <message>
        <source>Export a layer to a file</source>
        <translation>Қабатты файлға экспорттау</translation>
    </message>
    <message>
        <source>Add basemap (.osm.pbf)…</source>
        <translation>Негізгі карта қосу (.osm.pbf)…</translation>
    </message>
    <message>
        <source>Build an offline basemap from an OpenStreetMap extract and add it to the store</source>
        <translation>OpenStreetMap үзіндісінен желісіз негізгі карта жасап, оны қоймаға қосу</translation>
    </message>
    <message>
        <source>Add imagery…</source>
        <translation>Сурет қосу…</translation>
    </message>
    <message>
        <source>Add a drone or satellite image (GeoTIFF, JPEG 2000, …) to the store</source>
        <translation>Дрон немесе спутник суретін (GeoTIFF, JPEG 2000, …) қоймаға қосу</translation>
    </message>
    <message>
        <source>Add &amp;basemap (MBTiles)…</source>
        <translation>&amp;Негізгі карта қосу (MBTiles)…</translation>
    </message>
    <message>
        <source>Show raster tiles from an MBTiles file</source>
        <translation>MBTiles файлындағы растрлық тайлдарды көрсету</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Шығу</translation>
    </message>
    <message>
        <source>Close Baytak</source>
        <translation>Baytak-ты жабу</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Жақындату</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Жақындату</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Алыстату</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Алыстату</translation>
    </message>
    <message>
        <source>Zoom to &amp;Kazakhstan</source>
        <translation>&amp;Қазақстанды көрсету</translation>
    </message>
    <message>
        <source>Show the whole of Kazakhstan</source>
        <translation>Бүкіл Қазақстанды көрсету</translation>
    </message>
    <message>
        <source>Zoom to &amp;layer</source>
        <translation>Қа&amp;батқа жақындату</translation>
    </message>
    <message>
        <source>Show the whole of the current layer</source>
        <translation>Ағымдағы қабатты толық көрсету</translation>
    </message>
    <message>
        <source>&amp;Basemap</source>
        <translation>&amp;Негізгі карта</translation>
    </message>
    <message>
        <source>Show or hide the basemap</source>
        <translation>Негізгі картаны көрсету не жасыру</translation>
    </message>
    <message>
        <source>Online &amp;tiles…</source>
        <translation>&amp;Онлайн тайлдар…</translation>
    </message>
    <message>
        <source>Show tiles from an online XYZ server, kept on this computer for offline use</source>
        <translation>Онлайн XYZ серверінің тайлдарын көрсету; олар байланыссыз қолдану үшін осы компьютерде сақталады</translation>
    </message>
    <message>
        <source>&amp;About Baytak</source>
        <translation>Baytak &amp;туралы</translation>
    </message>
    <message>
        <source>Versions and data attributions</source>
        <translation>Нұсқалар және деректер дереккөздері</translation>
    </message>
</context>
<context>
    <name>WindowJobs</name>
    <message>
        <source>This file cannot be opened</source>
        <translation>Бұл файлды ашу мүмкін емес</translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation>Қойманы ашу</translation>
    </message>
    <message>
        <source>GeoPackage stores (*.gpkg);;All files (*)</source>
        <translation>GeoPackage қоймалары (*.gpkg);;Барлық файлдар (*)</translation>
    </message>
    <message>
        <source>Create a new store</source>
        <translation>Жаңа қойма құру</translation>
    </message>
    <message>
        <source>GeoPackage stores (*.gpkg)</source>
        <translation>GeoPackage қоймалары (*.gpkg)</translation>
    </message>
    <message>
        <source>The store cannot be created</source>
        <translation>Қойманы құру мүмкін емес</translation>
    </message>
    <message>
        <source>Importing {file} into {layer}…</source>
        <translation>{file} файлы «{layer}» қабатына импортталуда…</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Ештеңе импортталмады</translation>
    </message>
    <message>
        <source>Import cancelled: the store is as it was.</source>
        <translation>Импорт тоқтатылды: қойма бұрынғы күйінде.</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) imported into {layer}.</source>
        <translation>
            <numerusform>«{layer}» қабатына %n нысан импортталды.</numerusform>
            <numerusform>«{layer}» қабатына %n нысан импортталды.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) already there were updated.</source>
        <translation>
            <numerusform>Бұрыннан бар %n нысан жаңартылды.</numerusform>
            <numerusform>Бұрыннан бар %n нысан жаңартылды.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some rows were skipped</source>
        <translation>Кейбір жолдар өткізіп жіберілді</translation>
    </message>
    <message>
        <source>Add a basemap from an OpenStreetMap extract</source>
        <translation>OpenStreetMap үзіндісінен негізгі карта қосу</translation>
    </message>
    <message>
        <source>OpenStreetMap extracts (*.osm.pbf *.pbf)</source>
        <translation>OpenStreetMap үзінділері (*.osm.pbf *.pbf)</translation>
    </message>
    <message>
        <source>No basemap was added</source>
        <translation>Негізгі карта қосылмады</translation>
    </message>
    <message>
        <source>Building a basemap from {file}…</source>
        <translation>{file} файлынан негізгі карта жасалуда…</translation>
    </message>
    <message>
        <source>Basemap cancelled: nothing was added.</source>
        <translation>Негізгі карта тоқтатылды: ештеңе қосылмады.</translation>
    </message>
    <message>
        <source>Basemap {title} added.</source>
        <translation>{title} негізгі картасы қосылды.</translation>
    </message>
    <message>
        <source>Add a drone or satellite image</source>
        <translation>Дрон немесе спутник суретін қосу</translation>
    </message>
    <message>
        <source>Images (*.tif *.tiff *.jp2 *.jpg *.jpeg *.png *.img *.vrt);;All files (*)</source>
        <translation>Суреттер (*.tif *.tiff *.jp2 *.jpg *.jpeg *.png *.img *.vrt);;Барлық файлдар (*)</translation>
    </message>
    <message>
        <source>When was it taken?</source>
        <translation>Қашан түсірілген?</translation>
    </message>
    <message>
        <source>Date the image was taken (YYYY-MM-DD), or leave empty:</source>
        <translation>Суреттің түсірілген күні (ЖЖЖЖ-АА-КК) немесе бос қалдырыңыз:</translation>
    </message>
    <message>
        <source>No image was added</source>
        <translation>Сурет қосылмады</translation>
    </message>
    <message>
        <source>Adding the image {file}…</source>
        <translation>{file} суреті қосылуда…</translation>
    </message>
    <message>
        <source>Image cancelled: nothing was added.</source>
        <translation>Сурет тоқтатылды: ештеңе қосылмады.</translation>
    </message>
    <message>
        <source>Coordinate system of the image</source>
        <translation>Суреттің координаттар жүйесі</translation>
    </message>
    <message>
        <source>Image {title} added.</source>
        <translation>{title} суреті қосылды.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of the file are invalid, so nothing was imported. Fix them in the file, or import again with “{option}” ticked. The rows and the reasons are in the details.</source>
        <translation>
            <numerusform>Файлдың %n жолы қате, сондықтан ештеңе импортталмады. Оларды файлда түзетіңіз немесе «{option}» белгісін қойып, қайта импорттаңыз. Жолдар мен себептері — толығырақ бөлімінде.</numerusform>
            <numerusform>Файлдың %n жолы қате, сондықтан ештеңе импортталмады. Оларды файлда түзетіңіз немесе «{option}» белгісін қойып, қайта импорттаңыз. Жолдар мен себептері — толығырақ бөлімінде.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were invalid and skipped.</source>
        <translation>
            <numerusform>%n жол қате болғандықтан өткізіп жіберілді.</numerusform>
            <numerusform>%n жол қате болғандықтан өткізіп жіберілді.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting {layer} to {file}…</source>
        <translation>«{layer}» қабаты {file} файлына экспортталуда…</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) exported to {file}.</source>
        <translation>
            <numerusform>{file} файлына %n нысан экспортталды.</numerusform>
            <numerusform>{file} файлына %n нысан экспортталды.</numerusform>
        </translation>
    </message>
    <message>
        <source>The layer was not exported</source>
        <translation>Қабат экспортталмады</translation>
    </message>
    <message>
        <source>Imported, with notes</source>
        <translation>Импортталды, ескертулер бар</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were already in the store as they are in the file.</source>
        <translation>
            <numerusform>%n жол қоймада файлдағыдай бұрыннан бар еді.</numerusform>
            <numerusform>%n жол қоймада файлдағыдай бұрыннан бар еді.</numerusform>
        </translation>
    </message>
    <message>
        <source>Text read as {encoding}.</source>
        <translation>Мәтін {encoding} ретінде оқылды.</translation>
    </message>
    <message>
        <source>Not imported (no field takes them): {columns}</source>
        <translation>Импортталмады (оларды ешбір өріс қабылдамайды): {columns}</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Файлды ауыстыру керек пе?</translation>
    </message>
    <message>
        <source>{file} already exists. Replace it? (In a GeoPackage only the layer {layer} is replaced; a Baytak store is never replaced.)</source>
        <translation>{file} бұрыннан бар. Оны ауыстыру керек пе? (GeoPackage ішінде тек {layer} қабаты ауыстырылады; Baytak қоймасы ешқашан ауыстырылмайды.)</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>Экспорт тоқтатылды: ешбір файл жазылмады.</translation>
    </message>
    <message>
        <source>Some features were not exported</source>
        <translation>Кейбір нысандар экспортталмады</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) could not be written.</source>
        <translation>
            <numerusform>%n нысанды жазу мүмкін болмады.</numerusform>
            <numerusform>%n нысанды жазу мүмкін болмады.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a basemap</source>
        <translation>Негізгі карта қосу</translation>
    </message>
    <message>
        <source>MBTiles files (*.mbtiles)</source>
        <translation>MBTiles файлдары (*.mbtiles)</translation>
    </message>
</context>
</TS>
