<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
  <context>
    <name>ConflictDialog</name>
    <message>
      <source>corners: {n}</source>
      <translation>углов: {n}</translation>
    </message>
    <message>
      <source>the feature is kept</source>
      <translation>объект сохраняется</translation>
    </message>
    <message>
      <source>deleted</source>
      <translation>удалён</translation>
    </message>
    <message>
      <source>Theirs</source>
      <translation>На сервере</translation>
    </message>
    <message>
      <source>Mine</source>
      <translation>Моё</translation>
    </message>
    <message>
      <source>Sync conflict — {layer}</source>
      <translation>Конфликт синхронизации — {layer}</translation>
    </message>
    <message>
      <source>{author} changed this feature at {when} while it was changed on the server. Choose the values to keep; the choice is sent to the server and every device gets it.</source>
      <translation>{author} изменил(а) этот объект {when}, пока он менялся и на сервере. Выберите значения, которые нужно сохранить: выбор уйдёт на сервер и попадёт на все устройства.</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Поле</translation>
    </message>
    <message>
      <source>Base</source>
      <translation>Исходное</translation>
    </message>
    <message>
      <source>Theirs (server)</source>
      <translation>На сервере</translation>
    </message>
    <message>
      <source>Mine ({author})</source>
      <translation>Моё ({author})</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>Результат</translation>
    </message>
    <message>
      <source>Whole feature</source>
      <translation>Весь объект</translation>
    </message>
    <message>
      <source>Geometry</source>
      <translation>Геометрия</translation>
    </message>
    <message>
      <source>Keep &amp;mine</source>
      <translation>Оставить &amp;моё</translation>
    </message>
    <message>
      <source>Keep &amp;theirs</source>
      <translation>Оставить &amp;серверное</translation>
    </message>
    <message>
      <source>&amp;Save edited values</source>
      <translation>&amp;Сохранить исправленное</translation>
    </message>
    <message>
      <source>&amp;Edit…</source>
      <translation>&amp;Исправить…</translation>
    </message>
    <message>
      <source>Type the values to keep in the Result column</source>
      <translation>Впишите сохраняемые значения в столбец «Результат»</translation>
    </message>
  </context>
  <context>
    <name>ConflictsPanel</name>
    <message>
      <source>whole feature</source>
      <translation>весь объект</translation>
    </message>
    <message>
      <source>resolved ({how})</source>
      <translation>решён ({how})</translation>
    </message>
    <message>
      <source>mine kept</source>
      <translation>оставлено моё</translation>
    </message>
    <message>
      <source>theirs kept</source>
      <translation>оставлено серверное</translation>
    </message>
    <message>
      <source>edited</source>
      <translation>исправлено</translation>
    </message>
    <message numerus="yes">
      <source>%n open conflict(s). Double-click one to settle it.</source>
      <translation>
        <numerusform>%n нерешённый конфликт. Дважды щёлкните, чтобы решить.</numerusform>
        <numerusform>%n нерешённых конфликта. Дважды щёлкните, чтобы решить.</numerusform>
        <numerusform>%n нерешённых конфликтов. Дважды щёлкните, чтобы решить.</numerusform>
      </translation>
    </message>
    <message>
      <source>No open conflicts.</source>
      <translation>Нерешённых конфликтов нет.</translation>
    </message>
    <message>
      <source>Layer</source>
      <translation>Слой</translation>
    </message>
    <message>
      <source>Feature</source>
      <translation>Объект</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>Поле</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>Кто</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Когда</translation>
    </message>
    <message>
      <source>State</source>
      <translation>Состояние</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>Причина</translation>
    </message>
    <message>
      <source>Edits the server refused (they stay on this computer until you change them again):</source>
      <translation>Правки, отклонённые сервером (остаются на этом компьютере, пока вы их снова не измените):</translation>
    </message>
    <message>
      <source>Show resolved</source>
      <translation>Показать решённые</translation>
    </message>
    <message>
      <source>&amp;Resolve…</source>
      <translation>&amp;Решить…</translation>
    </message>
    <message>
      <source>&amp;Zoom to</source>
      <translation>&amp;Приблизить</translation>
    </message>
  </context>
  <context>
    <name>ConnectDialog</name>
    <message>
      <source>Fill in the server address, your user name and your password.</source>
      <translation>Укажите адрес сервера, имя пользователя и пароль.</translation>
    </message>
    <message>
      <source>Signing in…</source>
      <translation>Вход…</translation>
    </message>
    <message>
      <source>Wait until the sync that is running has finished.</source>
      <translation>Дождитесь окончания текущей синхронизации.</translation>
    </message>
    <message>
      <source>Signed in.</source>
      <translation>Вход выполнен.</translation>
    </message>
    <message>
      <source>Cannot reach the server: check the address and the connection.</source>
      <translation>Сервер недоступен: проверьте адрес и подключение.</translation>
    </message>
    <message>
      <source>Not signed in. Your edits stay on this computer until you sign in and sync.</source>
      <translation>Вход не выполнен. Правки хранятся на этом компьютере, пока вы не войдёте и не синхронизируете их.</translation>
    </message>
    <message>
      <source>all branches</source>
      <translation>все филиалы</translation>
    </message>
    <message>
      <source>Signed in to {server} as {user}: {role}, {branch}.</source>
      <translation>Вход на {server} как {user}: {role}, {branch}.</translation>
    </message>
    <message>
      <source>Connect to server</source>
      <translation>Подключение к серверу</translation>
    </message>
    <message>
      <source>&amp;Server:</source>
      <translation>&amp;Сервер:</translation>
    </message>
    <message>
      <source>&amp;User name:</source>
      <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Пароль:</translation>
    </message>
    <message>
      <source>Sign &amp;in</source>
      <translation>&amp;Войти</translation>
    </message>
    <message>
      <source>Sign &amp;out</source>
      <translation>В&amp;ыйти</translation>
    </message>
    <message>
      <source>viewer</source>
      <translation>наблюдатель</translation>
    </message>
    <message>
      <source>reporter</source>
      <translation>репортёр</translation>
    </message>
    <message>
      <source>editor</source>
      <translation>редактор</translation>
    </message>
    <message>
      <source>coordinator</source>
      <translation>координатор</translation>
    </message>
    <message>
      <source>administrator</source>
      <translation>администратор</translation>
    </message>
  </context>
  <context>
    <name>EditCommand</name>
    <message>
      <source>Resolve conflict in {layer}</source>
      <translation>Решение конфликта: {layer}</translation>
    </message>
  </context>
  <context>
    <name>HistoryPanel</name>
    <message>
      <source>deleted</source>
      <translation>удалён</translation>
    </message>
    <message>
      <source>created</source>
      <translation>создан</translation>
    </message>
    <message numerus="yes">
      <source>%n field(s) changed</source>
      <translation>
        <numerusform>изменено %n поле</numerusform>
        <numerusform>изменено %n поля</numerusform>
        <numerusform>изменено %n полей</numerusform>
      </translation>
    </message>
    <message>
      <source>Revision {rev}</source>
      <translation>Версия {rev}</translation>
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
      <translation>Версия</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>Кто</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Когда</translation>
    </message>
    <message>
      <source>What changed</source>
      <translation>Что изменилось</translation>
    </message>
    <message>
      <source>&amp;Reload</source>
      <translation>&amp;Обновить</translation>
    </message>
    <message>
      <source>Select a feature to see its history.</source>
      <translation>Выберите объект, чтобы увидеть его историю.</translation>
    </message>
    <message>
      <source>Reading the history from the server…</source>
      <translation>История загружается с сервера…</translation>
    </message>
    <message numerus="yes">
      <source>{layer}: %n revision(s) on the server</source>
      <translation>
        <numerusform>{layer}: на сервере %n версия</numerusform>
        <numerusform>{layer}: на сервере %n версии</numerusform>
        <numerusform>{layer}: на сервере %n версий</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ReviewPanel</name>
    <message>
      <source>verified</source>
      <translation>проверено</translation>
    </message>
    <message>
      <source>rejected</source>
      <translation>отклонено</translation>
    </message>
    <message>
      <source>Reject the report</source>
      <translation>Отклонить сообщение</translation>
    </message>
    <message>
      <source>Why? The reporter reads this after their next sync:</source>
      <translation>Почему? Автор прочтёт это после следующей синхронизации:</translation>
    </message>
    <message>
      <source>Changed since:</source>
      <translation>Изменены с:</translation>
    </message>
    <message>
      <source>Sign in to review your branch.</source>
      <translation>Войдите, чтобы проверять свой филиал.</translation>
    </message>
    <message>
      <source>Only coordinators review reports. Reports of yours that were sent back are listed below.</source>
      <translation>Сообщения проверяют только координаторы. Ваши возвращённые сообщения перечислены ниже.</translation>
    </message>
    <message numerus="yes">
      <source>%n feature(s) created or changed by others.</source>
      <translation>
        <numerusform>%n объект создан или изменён другими.</numerusform>
        <numerusform>%n объекта созданы или изменены другими.</numerusform>
        <numerusform>%n объектов созданы или изменены другими.</numerusform>
      </translation>
    </message>
    <message>
      <source>Layer</source>
      <translation>Слой</translation>
    </message>
    <message>
      <source>Feature</source>
      <translation>Объект</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>Кто</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Когда</translation>
    </message>
    <message>
      <source>Review</source>
      <translation>Проверка</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Причина</translation>
    </message>
    <message>
      <source>Returned to you: look at these reports again</source>
      <translation>Возвращено вам: проверьте эти сообщения ещё раз</translation>
    </message>
    <message>
      <source>&amp;Zoom to</source>
      <translation>&amp;Приблизить</translation>
    </message>
    <message>
      <source>Mark &amp;verified</source>
      <translation>Отметить как &amp;проверенное</translation>
    </message>
    <message>
      <source>Re&amp;ject…</source>
      <translation>&amp;Отклонить…</translation>
    </message>
  </context>
  <context>
    <name>SyncActions</name>
    <message>
      <source>Sync finished: {sent} sent, {merged} merged, {received} received, {conflicts} conflicts.</source>
      <translation>Синхронизация завершена: отправлено {sent}, объединено {merged}, получено {received}, конфликтов {conflicts}.</translation>
    </message>
    <message numerus="yes">
      <source>%n conflict(s) to settle: see the Conflicts panel.</source>
      <translation>
        <numerusform>Нужно решить %n конфликт: см. панель «Конфликты».</numerusform>
        <numerusform>Нужно решить %n конфликта: см. панель «Конфликты».</numerusform>
        <numerusform>Нужно решить %n конфликтов: см. панель «Конфликты».</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>The server refused %n edit(s): see the Conflicts panel.</source>
      <translation>
        <numerusform>Сервер отклонил %n правку: см. панель «Конфликты».</numerusform>
        <numerusform>Сервер отклонил %n правки: см. панель «Конфликты».</numerusform>
        <numerusform>Сервер отклонил %n правок: см. панель «Конфликты».</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n edit(s) wait for the next sync.</source>
      <translation>
        <numerusform>%n правка ждёт следующей синхронизации.</numerusform>
        <numerusform>%n правки ждут следующей синхронизации.</numerusform>
        <numerusform>%n правок ждут следующей синхронизации.</numerusform>
      </translation>
    </message>
    <message>
      <source>Sync cancelled: nothing was lost; your edits go with the next sync.</source>
      <translation>Синхронизация отменена: ничего не потеряно, правки уйдут со следующей синхронизацией.</translation>
    </message>
    <message>
      <source>Never synced</source>
      <translation>Ещё не синхронизировано</translation>
    </message>
    <message>
      <source>Last sync: {when}</source>
      <translation>Последняя синхронизация: {when}</translation>
    </message>
    <message>
      <source>Wait until the sync that is running has finished, then resolve.</source>
      <translation>Дождитесь окончания текущей синхронизации, затем решайте.</translation>
    </message>
    <message>
      <source>Sign in to a server to see the history.</source>
      <translation>Войдите на сервер, чтобы увидеть историю.</translation>
    </message>
    <message>
      <source>A sync is running: reload when it has finished.</source>
      <translation>Идёт синхронизация: обновите, когда она закончится.</translation>
    </message>
    <message>
      <source>&amp;Sync</source>
      <translation>&amp;Синхронизация</translation>
    </message>
    <message>
      <source>&amp;Automatic sync</source>
      <translation>&amp;Автосинхронизация</translation>
    </message>
    <message>
      <source>&amp;Connect to server…</source>
      <translation>&amp;Подключиться к серверу…</translation>
    </message>
    <message>
      <source>Sign in to a Baytak server</source>
      <translation>Войти на сервер Baytak</translation>
    </message>
    <message>
      <source>Sync &amp;now</source>
      <translation>Синхронизировать &amp;сейчас</translation>
    </message>
    <message>
      <source>Send your edits and get everyone else's</source>
      <translation>Отправить свои правки и получить правки остальных</translation>
    </message>
    <message>
      <source>Sign &amp;out</source>
      <translation>В&amp;ыйти</translation>
    </message>
    <message>
      <source>Forget this computer's sign-in</source>
      <translation>Забыть вход на этом компьютере</translation>
    </message>
    <message numerus="yes">
      <source>Every %n minute(s)</source>
      <translation>
        <numerusform>Каждую %n минуту</numerusform>
        <numerusform>Каждые %n минуты</numerusform>
        <numerusform>Каждые %n минут</numerusform>
      </translation>
    </message>
    <message>
      <source>Off</source>
      <translation>Выключено</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>Конфликты</translation>
    </message>
    <message>
      <source>Branch review</source>
      <translation>Проверка филиала</translation>
    </message>
    <message>
      <source>Change history</source>
      <translation>История изменений</translation>
    </message>
  </context>
  <context>
    <name>SyncProgress</name>
    <message>
      <source>Signing in…</source>
      <translation>Вход…</translation>
    </message>
    <message>
      <source>Syncing…</source>
      <translation>Синхронизация…</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Отмена…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Отмена</translation>
    </message>
    <message>
      <source>Stop the sync; nothing is lost, the rest goes next time</source>
      <translation>Остановить синхронизацию; ничего не потеряется, остальное уйдёт в следующий раз</translation>
    </message>
  </context>
  <context>
    <name>SyncTexts</name>
    <message>
      <source>Preparing your edits…</source>
      <translation>Подготовка правок…</translation>
    </message>
    <message numerus="yes">
      <source>%n change(s) to send</source>
      <translation>
        <numerusform>К отправке %n изменение</numerusform>
        <numerusform>К отправке %n изменения</numerusform>
        <numerusform>К отправке %n изменений</numerusform>
      </translation>
    </message>
    <message>
      <source>Sending photo {i} of {n}…</source>
      <translation>Отправка фото {i} из {n}…</translation>
    </message>
    <message numerus="yes">
      <source>Sending %n change(s)…</source>
      <translation>
        <numerusform>Отправка %n изменения…</numerusform>
        <numerusform>Отправка %n изменений…</numerusform>
        <numerusform>Отправка %n изменений…</numerusform>
      </translation>
    </message>
    <message>
      <source>Sent; reading the server's answer…</source>
      <translation>Отправлено; читается ответ сервера…</translation>
    </message>
    <message>
      <source>Receiving changes (revision {rev})…</source>
      <translation>Получение изменений (версия {rev})…</translation>
    </message>
    <message>
      <source>Resolving the conflict…</source>
      <translation>Решение конфликта…</translation>
    </message>
    <message>
      <source>Contacting the server…</source>
      <translation>Связь с сервером…</translation>
    </message>
    <message>
      <source>Reading the history…</source>
      <translation>Чтение истории…</translation>
    </message>
    <message>
      <source>Finished</source>
      <translation>Готово</translation>
    </message>
    <message>
      <source>Syncing…</source>
      <translation>Синхронизация…</translation>
    </message>
    <message numerus="yes">
      <source>No connection: your %n edit(s) are safe on this computer and will be sent next time.</source>
      <translation>
        <numerusform>Нет связи: ваша %n правка сохранена на этом компьютере и будет отправлена в следующий раз.</numerusform>
        <numerusform>Нет связи: ваши %n правки сохранены на этом компьютере и будут отправлены в следующий раз.</numerusform>
        <numerusform>Нет связи: ваши %n правок сохранены на этом компьютере и будут отправлены в следующий раз.</numerusform>
      </translation>
    </message>
    <message>
      <source>This store is not signed in to a server: use Sync &gt; Connect to server…</source>
      <translation>Это хранилище не подключено к серверу: выберите «Синхронизация &gt; Подключиться к серверу…».</translation>
    </message>
    <message>
      <source>Your sign-in has expired or was revoked: sign in again. Your edits are safe on this computer.</source>
      <translation>Срок входа истёк или вход был отозван: войдите снова. Ваши правки сохранены на этом компьютере.</translation>
    </message>
    <message>
      <source>The server could not handle the request ({code}). Your edits are safe on this computer; try again later.</source>
      <translation>Сервер не смог обработать запрос ({code}). Ваши правки сохранены на этом компьютере; повторите позже.</translation>
    </message>
    <message>
      <source>Wrong user name or password.</source>
      <translation>Неверное имя пользователя или пароль.</translation>
    </message>
    <message>
      <source>Too many failed sign-ins: wait a few minutes and try again.</source>
      <translation>Слишком много неудачных попыток входа: подождите несколько минут и повторите.</translation>
    </message>
    <message>
      <source>This account is disabled: ask your coordinator.</source>
      <translation>Эта учётная запись отключена: обратитесь к координатору.</translation>
    </message>
  </context>
</TS>