<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Baytak</source>
        <translation>О программе Baytak</translation>
    </message>
    <message>
        <source>Version {app} · Qt {qt} · PySide6 {pyside} · GDAL {gdal}</source>
        <translation>Версия {app} · Qt {qt} · PySide6 {pyside} · GDAL {gdal}</translation>
    </message>
    <message>
        <source>An offline-first desktop GIS for the Baytak green party of Kazakhstan.</source>
        <translation>Настольная ГИС для партии зелёных Казахстана «Байтак», работающая без сети.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Данные</translation>
    </message>
    <message>
        <source>Free vector and raster map data @ naturalearthdata.com (public domain).</source>
        <translation>Свободные векторные и растровые картографические данные с naturalearthdata.com (общественное достояние).</translation>
    </message>
    <message>
        <source>Demo sites are illustrative: their positions and figures are approximate.</source>
        <translation>Демонстрационные объекты условны: их положение и показатели приблизительны.</translation>
    </message>
    <message>
        <source>Licence: GNU General Public License, version 3 or later.</source>
        <translation>Лицензия: GNU General Public License версии 3 или более поздней.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>This file cannot be opened</source>
        <translation>Этот файл не удаётся открыть</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <source>Any field</source>
        <translation>Любое поле</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(пусто)</translation>
    </message>
    <message>
        <source>Not a value of this field: {reason}</source>
        <translation>Недопустимое значение для этого поля: {reason}</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Обновление…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n feature(s)</source>
        <translation>
            <numerusform>%1 из %n объекта</numerusform>
            <numerusform>%1 из %n объектов</numerusform>
            <numerusform>%1 из %n объектов</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n объект</numerusform>
            <numerusform>%n объекта</numerusform>
            <numerusform>%n объектов</numerusform>
        </translation>
    </message>
    <message>
        <source>The table could not be read: {message}</source>
        <translation>Не удалось прочитать таблицу: {message}</translation>
    </message>
    <message>
        <source>Search names, notes, statuses…</source>
        <translation>Поиск по названиям, примечаниям, статусам…</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Слой</translation>
    </message>
    <message>
        <source>Filter by the value of a field</source>
        <translation>Фильтр по значению поля</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>Приблизить к выбранному</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>Снять выделение</translation>
    </message>
</context>
<context>
    <name>AttributeTableModel</name>
    <message>
        <source>Edited, not yet synced</source>
        <translation>Изменён, ещё не синхронизирован</translation>
    </message>
</context>
<context>
    <name>AveragingDialog</name>
    <message>
        <source>{count} of {target}</source>
        <translation>{count} из {target}</translation>
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
        <translation>Усреднение положения</translation>
    </message>
    <message>
        <source>Stand still on the site. The position is the mean of the fixes; the spread says how steady they were.</source>
        <translation>Стойте неподвижно на месте объекта. Положение — среднее из отсчётов; разброс показывает, насколько они устойчивы.</translation>
    </message>
    <message>
        <source>Average:</source>
        <translation>Усреднять:</translation>
    </message>
    <message>
        <source>fixes</source>
        <translation>отсчётов</translation>
    </message>
    <message>
        <source>Fixes taken:</source>
        <translation>Получено отсчётов:</translation>
    </message>
    <message>
        <source>Spread (2DRMS):</source>
        <translation>Разброс (2DRMS):</translation>
    </message>
    <message>
        <source>Receiver&apos;s error:</source>
        <translation>Погрешность приёмника:</translation>
    </message>
    <message>
        <source>Use them now</source>
        <translation>Использовать сейчас</translation>
    </message>
</context>
<context>
    <name>CategoryTable</name>
    <message>
        <source>Colour</source>
        <translation>Цвет</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Подпись</translation>
    </message>
    <message>
        <source>Line colour</source>
        <translation>Цвет линии</translation>
    </message>
    <message>
        <source>Width, px</source>
        <translation>Толщина, пикс.</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Тип</translation>
    </message>
</context>
<context>
    <name>ChartsDock</name>
    <message>
        <source>Charts</source>
        <translation>Диаграммы</translation>
    </message>
    <message>
        <source>Aral and Caspian water area by year</source>
        <translation>Площадь воды Арала и Каспия по годам</translation>
    </message>
    <message>
        <source>Trees planted per month</source>
        <translation>Посажено деревьев по месяцам</translation>
    </message>
    <message>
        <source>Sites by status</source>
        <translation>Объекты по статусу</translation>
    </message>
    <message>
        <source>Per branch</source>
        <translation>По филиалам</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <source>Save the chart as PNG or SVG</source>
        <translation>Сохранить диаграмму как PNG или SVG</translation>
    </message>
    <message>
        <source>Change since the first year, %</source>
        <translation>Изменение с первого года, %</translation>
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
        <translation>Площадь Арала и Каспия</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Год</translation>
    </message>
    <message>
        <source>Cumulative</source>
        <translation>Нарастающим итогом</translation>
    </message>
    <message>
        <source>Trees planted</source>
        <translation>Посажено деревьев</translation>
    </message>
    <message>
        <source>Trees planted per month (bars) and in total (line)</source>
        <translation>Посажено деревьев за месяц (столбцы) и всего (линия)</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Объекты</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Экспорт диаграммы</translation>
    </message>
    <message>
        <source>Images (*.png *.svg)</source>
        <translation>Изображения (*.png *.svg)</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <source>Choose a colour</source>
        <translation>Выберите цвет</translation>
    </message>
    <message>
        <source>Click to choose a colour</source>
        <translation>Нажмите, чтобы выбрать цвет</translation>
    </message>
</context>
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
    <name>CoordinateDialog</name>
    <message>
        <source>&quot;{text}&quot; can be read in more than one way: write it as &quot;latitude, longitude&quot;</source>
        <translation>«{text}» можно прочитать по-разному: запишите как «широта, долгота»</translation>
    </message>
    <message>
        <source>{reason}; a position needs a latitude and a longitude</source>
        <translation>{reason}; для точки нужны широта и долгота</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is one number; a position needs a latitude and a longitude</source>
        <translation>«{text}» — одно число; для точки нужны широта и долгота</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a latitude and a longitude</source>
        <translation>«{text}» — это не широта и долгота</translation>
    </message>
    <message>
        <source>{file} has no waypoints.</source>
        <translation>В файле {file} нет путевых точек.</translation>
    </message>
    <message>
        <source>Waypoints from a GPX file</source>
        <translation>Путевые точки из файла GPX</translation>
    </message>
    <message>
        <source>GPX files (*.gpx)</source>
        <translation>Файлы GPX (*.gpx)</translation>
    </message>
    <message>
        <source>Not a position: {reason}</source>
        <translation>Это не координаты: {reason}</translation>
    </message>
    <message>
        <source>Latitude {lat_dms} ({lat}), longitude {lon_dms} ({lon})</source>
        <translation>Широта {lat_dms} ({lat}), долгота {lon_dms} ({lon})</translation>
    </message>
    <message>
        <source>Add a point by its coordinates</source>
        <translation>Добавить точку по координатам</translation>
    </message>
    <message>
        <source>Type or paste a position: latitude and longitude, in decimal degrees (43.8712, 77.0702) or degrees, minutes, seconds (43°52&apos;16&quot;N 77°04&apos;13&quot;E).</source>
        <translation>Введите или вставьте координаты: широту и долготу в десятичных градусах (43.8712, 77.0702) или в градусах, минутах, секундах (43°52&apos;16&quot;N 77°04&apos;13&quot;E).</translation>
    </message>
    <message>
        <source>latitude, longitude</source>
        <translation>широта, долгота</translation>
    </message>
    <message>
        <source>From a GPX file…</source>
        <translation>Из файла GPX…</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Baytak: unexpected problem</source>
        <translation>Baytak: непредвиденная ошибка</translation>
    </message>
    <message>
        <source>Something went wrong in Baytak. Your data is safe: a change is saved whole or not at all, so if your last change is missing, please make it again. You can go on working.</source>
        <translation>В Baytak что-то пошло не так. Ваши данные в сохранности: изменение сохраняется целиком или не сохраняется вовсе, поэтому если последнего изменения нет, внесите его ещё раз. Можно продолжать работу.</translation>
    </message>
    <message>
        <source>A report was saved (it contains no passwords); please send it to your coordinator:
{path}</source>
        <translation>Отчёт сохранён (паролей в нём нет); пожалуйста, отправьте его координатору:
{path}</translation>
    </message>
    <message>
        <source>The report could not be saved: the disk may be full.</source>
        <translation>Не удалось сохранить отчёт: возможно, диск переполнен.</translation>
    </message>
    <message>
        <source>Open the reports folder</source>
        <translation>Открыть папку отчётов</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
</context>
<context>
    <name>DashCombo</name>
    <message>
        <source>Solid</source>
        <translation>Сплошная</translation>
    </message>
    <message>
        <source>Dashed</source>
        <translation>Штриховая</translation>
    </message>
    <message>
        <source>Dotted</source>
        <translation>Точечная</translation>
    </message>
    <message>
        <source>Dash and dot</source>
        <translation>Штрихпунктирная</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <source>e.g. {date} or {iso}</source>
        <translation>например, {date} или {iso}</translation>
    </message>
    <message>
        <source>Choose in a calendar</source>
        <translation>Выбрать в календаре</translation>
    </message>
    <message>
        <source>Clear the date</source>
        <translation>Очистить дату</translation>
    </message>
</context>
<context>
    <name>DemoRefusal</name>
    <message>
        <source>This is the demo store: its sites are illustrative and never go to a server, so it cannot sign in or sync. Create the store of your branch, then connect that one.</source>
        <translation>Это демонстрационное хранилище: его объекты условны и никогда не отправляются на сервер, поэтому оно не подключается к серверу и не синхронизируется. Создайте хранилище своего филиала и подключите его.</translation>
    </message>
    <message>
        <source>The demo store does not sync</source>
        <translation>Демонстрационное хранилище не синхронизируется</translation>
    </message>
    <message>
        <source>Create my branch&apos;s store…</source>
        <translation>Создать хранилище моего филиала…</translation>
    </message>
</context>
<context>
    <name>DomainMessages</name>
    <message>
        <source>--extent takes four numbers west,south,east,north, not {text!r}.</source>
        <translation>--extent принимает четыре числа: запад,юг,восток,север, а не {text!r}.</translation>
    </message>
    <message>
        <source>--extent takes west,south,east,north in degrees (west &lt; east, south &lt; north), not {text!r}.</source>
        <translation>--extent принимает запад,юг,восток,север в градусах (запад &lt; восток, юг &lt; север), а не {text!r}.</translation>
    </message>
    <message>
        <source>--extent takes west,south,east,north in degrees, not {text!r}.</source>
        <translation>--extent принимает запад,юг,восток,север в градусах, а не {text!r}.</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; has curves (arcs), which baytak cannot store: convert them to straight segments</source>
        <translation>&quot;{value}&quot; содержит кривые (дуги), которые baytak не может хранить: преобразуйте их в прямые отрезки</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; can be read as more than one place: separate latitude and longitude with &quot;, &quot; or &quot;;&quot;</source>
        <translation>«{value}» можно прочитать как несколько разных мест: разделите широту и долготу знаком «, » или «;»</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; gives latitude {lat:g} and longitude {lon:g}, which is no place on Earth</source>
        <translation>«{value}» даёт широту {lat:g} и долготу {lon:g} — такого места на Земле нет</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is a kind of geometry baytak cannot store (a point, line or polygon is needed)</source>
        <translation>&quot;{value}&quot; — вид геометрии, который baytak не может хранить (нужна точка, линия или полигон)</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is a link from a site whose coordinate order baytak does not know: copy the coordinates themselves (latitude, longitude)</source>
        <translation>«{value}» — ссылка с сайта, порядок координат которого baytak не знает: скопируйте сами координаты (широта, долгота)</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is a link without coordinates in it (a short link or a search): open it and copy the coordinates (latitude, longitude)</source>
        <translation>«{value}» — ссылка без координат (короткая ссылка или поиск): откройте её и скопируйте координаты (широта, долгота)</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a WKT geometry (like POINT (77.07 43.87) or POLYGON ((...)))</source>
        <translation>&quot;{value}&quot; — не геометрия WKT (например, POINT (77.07 43.87) или POLYGON ((...)))</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; has no coordinates that can be read: copy them as &quot;latitude, longitude&quot; (43.2389, 76.8897)</source>
        <translation>В «{value}» нет координат, которые можно прочитать: скопируйте их как «широта, долгота» (43.2389, 76.8897)</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has a hemisphere both before and after the number: keep one</source>
        <translation>в «{text}» полушарие указано и до, и после числа: оставьте одно</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has both a minus sign and a hemisphere letter: keep one</source>
        <translation>в «{text}» есть и знак минус, и буква полушария: оставьте одно</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has minutes {number:g}: minutes must be less than 60</source>
        <translation>в «{text}» минут {number:g}: минут должно быть меньше 60</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has seconds {number:g}: seconds must be less than 60</source>
        <translation>в «{text}» секунд {number:g}: секунд должно быть меньше 60</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; has {unit} where {expected} belongs: write decimal degrees (43.87) or degrees, minutes, seconds (43°52&apos;12&quot;N)</source>
        <translation>в «{text}» стоит {unit} там, где должно быть {expected}: пишите десятичные градусы (43.87) или градусы, минуты, секунды (43°52&apos;12&quot;N)</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is a latitude, but a longitude was expected: are the columns swapped?</source>
        <translation>«{text}» — широта, а ожидалась долгота: не перепутаны ли столбцы?</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is a longitude, but a latitude was expected: are the columns swapped?</source>
        <translation>«{text}» — долгота, а ожидалась широта: не перепутаны ли столбцы?</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a coordinate: write decimal degrees (43.87) or degrees, minutes, seconds (43°52&apos;12&quot;N)</source>
        <translation>«{text}» — не координата: пишите десятичные градусы (43.87) или градусы, минуты, секунды (43°52&apos;12&quot;N)</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a coordinate: write decimal degrees (43.87) or degrees, minutes, seconds (43°52&apos;12&quot;N); the hemisphere must be N, S, E or W</source>
        <translation>«{text}» — не координата: пишите десятичные градусы (43.87) или градусы, минуты, секунды (43°52&apos;12&quot;N); полушарие — N, S, E или W (или с.ш., ю.ш., в.д., з.д.)</translation>
    </message>
    <message>
        <source>&quot;{text}&quot;: only the last part (degrees, minutes or seconds) may have decimals</source>
        <translation>«{text}»: дробная часть может быть только у последней части (градусов, минут или секунд)</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is in the coordinate system SRID {srid}, which is not a known EPSG code: export it in longitude/latitude (EPSG:4326)</source>
        <translation>&quot;{value}&quot; — в системе координат SRID {srid}, это не известный код EPSG: экспортируйте его в долготе/широте (EPSG:4326)</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a pair of coordinates: write &quot;latitude, longitude&quot; (43.2389, 76.8897) or paste the maps link with the coordinates in it</source>
        <translation>«{value}» — не пара координат: пишите «широта, долгота» (43.2389, 76.8897) или вставьте ссылку на карту, где есть координаты</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; read as latitude, longitude is far outside Kazakhstan, but would be inside it the other way round: write the latitude first</source>
        <translation>«{value}», прочитанное как широта, долгота, далеко за пределами Казахстана, а в обратном порядке — внутри него: пишите широту первой</translation>
    </message>
    <message>
        <source>(and {count} more)</source>
        <translation>(и ещё {count})</translation>
    </message>
    <message>
        <source>(missing on this device)</source>
        <translation>(нет на этом устройстве)</translation>
    </message>
    <message>
        <source>(missing on this device: copy it there or add it again)</source>
        <translation>(нет на этом устройстве: скопируйте его сюда или добавьте заново)</translation>
    </message>
    <message>
        <source>--map-field COLUMN=FIELD takes a field from a column, --set FIELD=VALUE gives one value</source>
        <translation>--map-field COLUMN=FIELD берёт поле из столбца, --set FIELD=VALUE задаёт одно значение</translation>
    </message>
    <message>
        <source>--map-field {src}={dst}: layer {layer} has no field {dst}. Fields: {fields}.</source>
        <translation>--map-field {src}={dst}: в слое {layer} нет поля {dst}. Поля: {fields}.</translation>
    </message>
    <message>
        <source>--map-field {src}={dst}: {file} has no column {src}. Columns: {columns}.</source>
        <translation>--map-field {src}={dst}: в {file} нет столбца {src}. Столбцы: {columns}.</translation>
    </message>
    <message>
        <source>--set takes FIELD=VALUE, not {text!r}.</source>
        <translation>--set принимает ПОЛЕ=ЗНАЧЕНИЕ, а не {text!r}.</translation>
    </message>
    <message>
        <source>--source-layer NAME reads one of them</source>
        <translation>--source-layer NAME читает один из них</translation>
    </message>
    <message>
        <source>--tcp: the address to listen on (default 127.0.0.1)</source>
        <translation>--tcp: адрес, на котором слушать (по умолчанию 127.0.0.1)</translation>
    </message>
    <message>
        <source>--udp takes HOST:PORT, not {text}.</source>
        <translation>--udp принимает ХОСТ:ПОРТ, а не {text}.</translation>
    </message>
    <message>
        <source>... and {count} more (--json lists them all)</source>
        <translation>... и ещё {count} (--json перечисляет все)</translation>
    </message>
    <message>
        <source>A GPS receiver from the command line: gpsd, a serial port, NMEA over TCP or UDP, a log.</source>
        <translation>GPS-приёмник из командной строки: gpsd, последовательный порт, NMEA по TCP или UDP, журнал.</translation>
    </message>
    <message>
        <source>A buffer needs a distance above 0, not {metres} m.</source>
        <translation>Для буфера нужно расстояние больше 0, а не {metres} м.</translation>
    </message>
    <message>
        <source>A categorized style needs a field.</source>
        <translation>Стилю по категориям нужно поле.</translation>
    </message>
    <message>
        <source>A categorized style needs at least one category: press Classify.</source>
        <translation>Стилю по категориям нужна хотя бы одна категория: нажмите «Классифицировать».</translation>
    </message>
    <message>
        <source>A chunk may have at most {limit} bytes; send smaller chunks.</source>
        <translation>Фрагмент может быть не больше {limit} байт; отправляйте фрагменты меньше.</translation>
    </message>
    <message>
        <source>A geometry in the store cannot be read: {reason}</source>
        <translation>Геометрию в хранилище не удаётся прочитать: {reason}</translation>
    </message>
    <message>
        <source>A photo gives a point; draw the outline of the {layer} feature instead.</source>
        <translation>Фотография даёт только точку; вместо этого нарисуйте контур объекта {layer}.</translation>
    </message>
    <message>
        <source>A replay speed is a number above 0 (1 = as recorded) or max, not {speed}.</source>
        <translation>Скорость воспроизведения — число больше 0 (1 = как записано) или max, а не {speed}.</translation>
    </message>
    <message>
        <source>A saved layer style cannot be read ({error}); the default style is used.</source>
        <translation>Сохранённый стиль слоя не удаётся прочитать ({error}); используется стиль по умолчанию.</translation>
    </message>
    <message>
        <source>A saved style names an unknown layer {layer}.</source>
        <translation>Сохранённый стиль ссылается на неизвестный слой {layer}.</translation>
    </message>
    <message>
        <source>A user name cannot hold the character {code}, which nobody sees; remove it.</source>
        <translation>Имя пользователя не может содержать невидимый символ {code}; удалите его.</translation>
    </message>
    <message>
        <source>A user name must have 1 to 200 characters.</source>
        <translation>Имя пользователя должно содержать от 1 до 200 символов.</translation>
    </message>
    <message>
        <source>A whole-feature value is a JSON object of fields, or null to delete the feature.</source>
        <translation>Значение всего объекта — это JSON-объект полей или null, чтобы удалить объект.</translation>
    </message>
    <message>
        <source>A {page} PNG at {dpi} dpi would be {mp} million pixels: lower the dpi or export a PDF.</source>
        <translation>PNG {page} при {dpi} dpi занял бы {mp} миллионов пикселей: уменьшите dpi или экспортируйте PDF.</translation>
    </message>
    <message>
        <source>A {role} belongs to a branch: give --branch CODE.</source>
        <translation>Роль {role} относится к филиалу: укажите --branch CODE.</translation>
    </message>
    <message>
        <source>Added {layer} {uuid} at {lat}, {lon}</source>
        <translation>Добавлен {uuid} в {layer}: {lat}, {lon}</translation>
    </message>
    <message>
        <source>Added {layer} {uuid} from {points} track points of {track}</source>
        <translation>Добавлен {uuid} в {layer} из точек трека {track} (точек: {points})</translation>
    </message>
    <message>
        <source>Adding demo {layer}…</source>
        <translation>Добавление демо-данных: {layer}…</translation>
    </message>
    <message>
        <source>Again: </source>
        <translation>Ещё раз: </translation>
    </message>
    <message>
        <source>An extent is four numbers: west,south,east,north (degrees).</source>
        <translation>Охват — это четыре числа: запад,юг,восток,север (градусы).</translation>
    </message>
    <message>
        <source>Another program has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or cancel the edits there (or close the file in it), then try again.</source>
        <translation>Другая программа удерживает {path} уже {seconds:.0f} с, поэтому здесь ничего не изменено. Сохраните или отмените правки там (или закройте в ней файл) и попробуйте снова.</translation>
    </message>
    <message>
        <source>Another program is writing to {path}, so it could not be read; nothing was changed. Let it finish (or close the file there), then try again.</source>
        <translation>Другая программа записывает в {path}, поэтому его не удалось прочитать; ничего не изменено. Дождитесь окончания (или закройте файл там) и повторите.</translation>
    </message>
    <message>
        <source>Attachment {sha256} has {size} bytes on the server, not {claimed}; send the size of the file uploaded.</source>
        <translation>Вложение {sha256} на сервере занимает {size} байт, а не {claimed}; отправьте размер загруженного файла.</translation>
    </message>
    <message>
        <source>Average at least 1 fix, not {target}.</source>
        <translation>Усреднять нужно хотя бы 1 отсчёт GPS, а не {target}.</translation>
    </message>
    <message>
        <source>Averaged {fixes} fixes: {lat}, {lon}</source>
        <translation>Усреднено фиксов: {fixes}; {lat}, {lon}</translation>
    </message>
    <message>
        <source>Basemap ready</source>
        <translation>Подложка готова</translation>
    </message>
    <message>
        <source>Baytak GIS: the local GeoPackage store from the command line.</source>
        <translation>Baytak ГИС: локальное хранилище GeoPackage из командной строки.</translation>
    </message>
    <message>
        <source>Building overviews for fast zooming out…</source>
        <translation>Построение обзорных уровней для быстрого отдаления…</translation>
    </message>
    <message>
        <source>Building the spatial indexes…</source>
        <translation>Построение пространственных индексов…</translation>
    </message>
    <message>
        <source>Built {path} from {extract} in {seconds} s: no features.</source>
        <translation>{path} построен из {extract} за {seconds} с: объектов нет.</translation>
    </message>
    <message>
        <source>Built {path} from {extract} in {seconds} s: {counts}.</source>
        <translation>{path} построен из {extract} за {seconds} с: {counts}.</translation>
    </message>
    <message>
        <source>CSV/DBF/XLSX/ODS: the column with the latitude (the same as --lon-column: one column with both)</source>
        <translation>CSV/DBF/XLSX/ODS: столбец с широтой (тот же, что --lon-column: обе в одном столбце)</translation>
    </message>
    <message>
        <source>CSV/DBF/XLSX/ODS: the column with the longitude (the same as --lat-column: one column with both)</source>
        <translation>CSV/DBF/XLSX/ODS: столбец с долготой (тот же, что --lat-column: обе в одном столбце)</translation>
    </message>
    <message>
        <source>Categories need a text field; {field} is not one.</source>
        <translation>Для категорий нужно текстовое поле; {field} к ним не относится.</translation>
    </message>
    <message>
        <source>Changes to send: {count}</source>
        <translation>Изменений к отправке: {count}</translation>
    </message>
    <message>
        <source>Changeset {id} was received before with other changes ({count}); give new changes a new changeset id.</source>
        <translation>Набор изменений {id} уже был получен с другими изменениями ({count}); дайте новым изменениям новый идентификатор набора.</translation>
    </message>
    <message>
        <source>Changeset {id} was sent by another account.</source>
        <translation>Набор изменений {id} отправлен другой учётной записью.</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Проверка каждой строки…</translation>
    </message>
    <message>
        <source>Checking the photos and writing the dossier…</source>
        <translation>Проверка фотографий и запись досье…</translation>
    </message>
    <message>
        <source>Choose a GPS source: gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or a log file.</source>
        <translation>Выберите источник GPS: gpsd, serial:///dev/ttyUSB0, tcp://ХОСТ:ПОРТ, udp://:ПОРТ или файл журнала.</translation>
    </message>
    <message>
        <source>Computing the SHA-256 of the file…</source>
        <translation>Вычисление SHA-256 файла…</translation>
    </message>
    <message>
        <source>Conflict {id} resolved</source>
        <translation>Конфликт {id} решён</translation>
    </message>
    <message>
        <source>Conflict {id} resolved: kept mine ({value}).</source>
        <translation>Конфликт {id} разрешён: оставлено моё ({value}).</translation>
    </message>
    <message>
        <source>Conflict {id} resolved: kept theirs ({value}).</source>
        <translation>Конфликт {id} разрешён: оставлено их ({value}).</translation>
    </message>
    <message>
        <source>Conflict {id} was already resolved by {who} ({how}).</source>
        <translation>Конфликт {id} уже разрешён пользователем {who} ({how}).</translation>
    </message>
    <message>
        <source>Conflict {id} was already resolved on the server; baytak sync {store} brings its outcome.</source>
        <translation>Конфликт {id} уже разрешён на сервере; baytak sync {store} получит результат.</translation>
    </message>
    <message>
        <source>Content-Range {header!r} does not fit inside the file.</source>
        <translation>Content-Range {header!r} выходит за пределы файла.</translation>
    </message>
    <message>
        <source>Created {store}</source>
        <translation>Создано {store}</translation>
    </message>
    <message>
        <source>Created {store} with demo data: {counts}</source>
        <translation>Создано {store} с демо-данными: {counts}</translation>
    </message>
    <message>
        <source>Demo data ready</source>
        <translation>Демо-данные готовы</translation>
    </message>
    <message>
        <source>Distances measured</source>
        <translation>Расстояния измерены</translation>
    </message>
    <message>
        <source>Drawing the map, its legend and scale bar…</source>
        <translation>Отрисовка карты, легенды и масштабной линейки…</translation>
    </message>
    <message>
        <source>Drawing the web map…</source>
        <translation>Построение веб-карты…</translation>
    </message>
    <message>
        <source>Each category needs a different text value.</source>
        <translation>Каждой категории нужно своё текстовое значение.</translation>
    </message>
    <message>
        <source>Exported {count} features of {layer} to {out}</source>
        <translation>Из {layer} в {out} экспортировано объектов: {count}</translation>
    </message>
    <message>
        <source>FILE.html, FILE.pdf, FILE.png or FILE.svg</source>
        <translation>FILE.html, FILE.pdf, FILE.png или FILE.svg</translation>
    </message>
    <message>
        <source>File written</source>
        <translation>Файл записан</translation>
    </message>
    <message>
        <source>GeoPackage geometry blob has an invalid envelope type {t}.</source>
        <translation>В блобе геометрии GeoPackage недопустимый тип охвата {t}.</translation>
    </message>
    <message>
        <source>Give either --tcp PORT or --udp HOST:PORT.</source>
        <translation>Укажите либо --tcp ПОРТ, либо --udp ХОСТ:ПОРТ.</translation>
    </message>
    <message>
        <source>Give it with --crs EPSG:CODE.</source>
        <translation>Укажите её через --crs EPSG:CODE.</translation>
    </message>
    <message>
        <source>Image added</source>
        <translation>Снимок добавлен</translation>
    </message>
    <message>
        <source>Imported {imported} of {rows} rows from {source} into {layer} (text read as {encoding}, {how}).</source>
        <translation>Импортировано из {source} в {layer} строк: {imported} из {rows} (текст прочитан как {encoding}, {how}).</translation>
    </message>
    <message>
        <source>Imported {imported} of {rows} rows from {source} into {layer}.</source>
        <translation>Импортировано из {source} в {layer} строк: {imported} из {rows}.</translation>
    </message>
    <message>
        <source>Language {lang} is not offered: use kk, ru or en.</source>
        <translation>Язык {lang} не поддерживается: используйте kk, ru или en.</translation>
    </message>
    <message>
        <source>Layer {layer} has no field(s) {names}. Fields: {known}.</source>
        <translation>В слое {layer} нет полей {names}. Поля: {known}.</translation>
    </message>
    <message>
        <source>Leaflet is missing: install the XStatic-Leaflet package (pip install XStatic-Leaflet) to make web maps.</source>
        <translation>Нет Leaflet: чтобы делать веб-карты, установите пакет XStatic-Leaflet (pip install XStatic-Leaflet).</translation>
    </message>
    <message>
        <source>Making {out} took longer than {seconds:.0f} s and was stopped; try a lower dpi or a smaller page.</source>
        <translation>Создание {out} заняло больше {seconds:.0f} с и было остановлено; попробуйте меньший dpi или меньшую страницу.</translation>
    </message>
    <message>
        <source>Measuring distances…</source>
        <translation>Измерение расстояний…</translation>
    </message>
    <message>
        <source>New features without a branch were given {branch}, the branch of the account signed in (--set branch=CODE gives another).</source>
        <translation>Новым объектам без филиала задан филиал вошедшей учётной записи: {branch} (другой задаёт --set branch=КОД).</translation>
    </message>
    <message>
        <source>No GPS fix to average: wait until the receiver has a position.</source>
        <translation>Нет отсчётов GPS для усреднения: дождитесь, пока приёмник определит местоположение.</translation>
    </message>
    <message>
        <source>No OpenStreetMap basemap with settlements is registered with this store on this device; add one with: baytak basemap add STORE FILE.osm.pbf</source>
        <translation>На этом устройстве с этим хранилищем не зарегистрирована подложка OpenStreetMap с населёнными пунктами; добавьте её командой: baytak basemap add STORE FILE.osm.pbf</translation>
    </message>
    <message>
        <source>No accounts yet: baytak server user add.</source>
        <translation>Учётных записей пока нет: baytak server user add.</translation>
    </message>
    <message>
        <source>No attachment with SHA-256 {sha256}.</source>
        <translation>Нет вложения с SHA-256 {sha256}.</translation>
    </message>
    <message>
        <source>No basemaps registered.</source>
        <translation>Подложки не зарегистрированы.</translation>
    </message>
    <message>
        <source>No feature with uuid {uuid} in layer {layer}.</source>
        <translation>В слое {layer} нет объекта с uuid {uuid}.</translation>
    </message>
    <message>
        <source>No feature {uuid} in layer {layer}.</source>
        <translation>В слое {layer} нет объекта {uuid}.</translation>
    </message>
    <message>
        <source>No images registered.</source>
        <translation>Снимки не зарегистрированы.</translation>
    </message>
    <message>
        <source>No local changes.</source>
        <translation>Локальных изменений нет.</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>Нерешённых конфликтов нет.</translation>
    </message>
    <message>
        <source>No password given.</source>
        <translation>Пароль не указан.</translation>
    </message>
    <message>
        <source>No serial ports.</source>
        <translation>Последовательных портов нет.</translation>
    </message>
    <message>
        <source>No site with uuid {uuid} in {store}: copy it from the feature&apos;s details.</source>
        <translation>В {store} нет объекта с uuid {uuid}: скопируйте его из сведений об объекте.</translation>
    </message>
    <message>
        <source>Not a GeoPackage geometry blob (it does not start with &apos;GP&apos;).</source>
        <translation>Это не блоб геометрии GeoPackage (он не начинается с &apos;GP&apos;).</translation>
    </message>
    <message>
        <source>Not allowed: {reason}.</source>
        <translation>Не разрешено: {reason}.</translation>
    </message>
    <message>
        <source>Not sent: {reasons}</source>
        <translation>Не отправлено: {reasons}</translation>
    </message>
    <message>
        <source>Nothing audited yet.</source>
        <translation>В журнале аудита пока пусто.</translation>
    </message>
    <message>
        <source>Only {got} of {wanted} fixes came from {source}; nothing was averaged.</source>
        <translation>От {source} пришло только {got} из {wanted} отсчётов; ничего не усреднено.</translation>
    </message>
    <message>
        <source>Opacity must be between 0 and 1.</source>
        <translation>Непрозрачность должна быть от 0 до 1.</translation>
    </message>
    <message>
        <source>Overviews built</source>
        <translation>Обзорные уровни построены</translation>
    </message>
    <message>
        <source>Page size {page} is not offered: use one of {sizes}.</source>
        <translation>Размер страницы {page} не поддерживается: используйте один из {sizes}.</translation>
    </message>
    <message>
        <source>Painting {out} failed unexpectedly; please report this:
{tail}</source>
        <translation>Отрисовка {out} неожиданно не удалась; пожалуйста, сообщите об этом:
{tail}</translation>
    </message>
    <message>
        <source>Password for {user} on {server}: </source>
        <translation>Пароль {user} на {server}: </translation>
    </message>
    <message>
        <source>Password for {user}: </source>
        <translation>Пароль {user}: </translation>
    </message>
    <message>
        <source>Polygon layers (geodesic):</source>
        <translation>Полигональные слои (геодезически):</translation>
    </message>
    <message>
        <source>Preparing your edits…</source>
        <translation>Подготовка правок…</translation>
    </message>
    <message>
        <source>Print layouts are not available in this installation ({error}); --out FILE.html makes the web map.</source>
        <translation>Макеты печати недоступны в этой установке ({error}); --out FILE.html создаёт веб-карту.</translation>
    </message>
    <message>
        <source>Published {layer} as schema revision {revision} (server revision {rev}): {summary}.</source>
        <translation>{layer} опубликован как ревизия схемы {revision} (ревизия сервера {rev}): {summary}.</translation>
    </message>
    <message>
        <source>Pushed {pushed} (applied {applied}, merged {merged}, unchanged {unchanged}, conflicts {conflicts}, rejected {rejected}); pulled {pulled}. Server revision {rev}.</source>
        <translation>Отправлено: {pushed} (применено {applied}, слито {merged}, без изменений {unchanged}, конфликтов {conflicts}, отклонено {rejected}); получено: {pulled}. Ревизия сервера {rev}.</translation>
    </message>
    <message>
        <source>Reading places: {count} objects</source>
        <translation>Чтение населённых пунктов (объектов: {count})…</translation>
    </message>
    <message>
        <source>Reading roads, railways and rivers: {count} objects</source>
        <translation>Чтение дорог, железных дорог и рек (объектов: {count})…</translation>
    </message>
    <message>
        <source>Reading the Natural Earth shorelines…</source>
        <translation>Чтение береговых линий Natural Earth…</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Чтение файла…</translation>
    </message>
    <message>
        <source>Reading the layer…</source>
        <translation>Чтение слоя…</translation>
    </message>
    <message>
        <source>Reading water, land cover and buildings: {count} objects</source>
        <translation>Чтение водных объектов, земельного покрова и зданий (объектов: {count})…</translation>
    </message>
    <message>
        <source>Reading {layer}…</source>
        <translation>Чтение слоя «{layer}»…</translation>
    </message>
    <message>
        <source>Receiving changes (revision {rev})…</source>
        <translation>Получение изменений (версия {rev})…</translation>
    </message>
    <message>
        <source>Recorded {points} points, {length} m, to {out}</source>
        <translation>Записано в {out}: точек {points}, {length} м</translation>
    </message>
    <message>
        <source>Registered with {store} as basemap {id}.</source>
        <translation>Зарегистрирована в {store} как подложка {id}.</translation>
    </message>
    <message>
        <source>Registered {path} ({width} x {height}, {bands} band(s), {crs}, {resolution} m per pixel) as image {id}; overviews: {overviews}.</source>
        <translation>Зарегистрирован {path} ({width} x {height}, каналов: {bands}, {crs}, {resolution} м на пиксель) как снимок {id}; обзоры: {overviews}.</translation>
    </message>
    <message>
        <source>Resolving conflict {id}…</source>
        <translation>Решение конфликта {id}…</translation>
    </message>
    <message>
        <source>Reverse: {count} {to_layer} with {from_layer} within {km}:</source>
        <translation>Обратно: {to_layer}, у которых {from_layer} в пределах {km}, всего {count}:</translation>
    </message>
    <message>
        <source>Revoked {count} token(s).</source>
        <translation>Отозвано токенов: {count}.</translation>
    </message>
    <message>
        <source>Run the central sync server (no subcommand), or manage it.</source>
        <translation>Запустить центральный сервер синхронизации (без подкоманды) или управлять им.</translation>
    </message>
    <message>
        <source>SQLite integrity check: {line}</source>
        <translation>Проверка целостности SQLite: {line}</translation>
    </message>
    <message>
        <source>Saving features: {done} of {count}</source>
        <translation>Сохранение объектов: {done} из {count}</translation>
    </message>
    <message>
        <source>Send JSON with Content-Type: application/json, not {media!r}.</source>
        <translation>Отправляйте JSON с Content-Type: application/json, а не {media!r}.</translation>
    </message>
    <message>
        <source>Send each chunk with Content-Range: bytes START-END/TOTAL (END inclusive), not {header!r}.</source>
        <translation>Отправляйте каждый фрагмент с Content-Range: bytes START-END/TOTAL (END включительно), а не {header!r}.</translation>
    </message>
    <message>
        <source>Send the body as it is, without Content-Encoding {encoding!r}; the server does not inflate.</source>
        <translation>Отправьте тело запроса как есть, без Content-Encoding {encoding!r}; сервер не распаковывает сжатые данные.</translation>
    </message>
    <message>
        <source>Sending changes: {count}…</source>
        <translation>Отправка изменений: {count}…</translation>
    </message>
    <message>
        <source>Sending photo {index} of {count}…</source>
        <translation>Отправка фото {index} из {count}…</translation>
    </message>
    <message>
        <source>Sent {count} lines to {address}</source>
        <translation>Отправлено строк на {address}: {count}</translation>
    </message>
    <message>
        <source>Sent; reading the server&apos;s answer…</source>
        <translation>Отправлено; читается ответ сервера…</translation>
    </message>
    <message>
        <source>Serving {log} on tcp://{host}:{port} (Ctrl-C stops)</source>
        <translation>{log} раздаётся на tcp://{host}:{port} (Ctrl-C останавливает)</translation>
    </message>
    <message>
        <source>Sign in first: send Authorization: Bearer &lt;token&gt;.</source>
        <translation>Сначала войдите: отправьте Authorization: Bearer &lt;token&gt;.</translation>
    </message>
    <message>
        <source>Signed in to {server} as {user} ({where}); the sign-in lasts until {expires}.</source>
        <translation>Вход на {server} выполнен как {user} ({where}); вход действует до {expires}.</translation>
    </message>
    <message>
        <source>Sync finished</source>
        <translation>Синхронизация завершена</translation>
    </message>
    <message>
        <source>That photo is not attached to this feature.</source>
        <translation>Эта фотография не прикреплена к этому объекту.</translation>
    </message>
    <message>
        <source>The MapInfo table {file} has no {part} file (its attributes): copy it beside the {suffix}</source>
        <translation>У таблицы MapInfo {file} нет файла {part} (её атрибутов): положите его рядом с {suffix}</translation>
    </message>
    <message>
        <source>The NMEA log {path} was not found.</source>
        <translation>Журнал NMEA {path} не найден.</translation>
    </message>
    <message>
        <source>The X and Y columns of {file} can be read either way (X as longitude, as GIS programs write, or X as latitude, as Russian survey tables do): say which column is the latitude</source>
        <translation>Столбцы X и Y в {file} можно прочитать обоими способами (X — долгота, как пишут ГИС-программы, или X — широта, как в геодезических таблицах): укажите, какой столбец — широта</translation>
    </message>
    <message>
        <source>The X and Y columns of {file} only make sense with X as the latitude (northing), as Russian survey tables write them: import them swapped</source>
        <translation>Столбцы X и Y в {file} имеют смысл, только если X — широта (северная координата), как в геодезических таблицах: импортируйте их, поменяв местами</translation>
    </message>
    <message>
        <source>The account {name!r} is disabled; ask an administrator.</source>
        <translation>Учётная запись {name!r} отключена; обратитесь к администратору.</translation>
    </message>
    <message>
        <source>The attachment {sha256} downloaded from the server does not match its SHA-256; sync again.</source>
        <translation>Вложение {sha256}, загруженное с сервера, не совпадает со своим SHA-256; синхронизируйте снова.</translation>
    </message>
    <message>
        <source>The attachment {sha256} no longer matches its SHA-256: it was altered.</source>
        <translation>Вложение {sha256} больше не совпадает со своим SHA-256: оно изменено.</translation>
    </message>
    <message>
        <source>The basemap cannot be written over the store itself; choose another --out.</source>
        <translation>Подложку нельзя записать поверх самого хранилища; выберите другой файл в --out.</translation>
    </message>
    <message>
        <source>The basemap cannot be written over the store itself; choose another name.</source>
        <translation>Подложку нельзя записать поверх самого хранилища; выберите другое имя.</translation>
    </message>
    <message>
        <source>The basemap layer &apos;{name}&apos; cannot be read; it is left out ({library}: {detail})</source>
        <translation>Слой подложки «{name}» не читается; он не показан ({library}: {detail})</translation>
    </message>
    <message>
        <source>The basemap must be written to a .gpkg file, not {path}.</source>
        <translation>Подложку нужно записать в файл .gpkg, а не в {path}.</translation>
    </message>
    <message>
        <source>The basemap {path} is missing, so there are no reference places; reinstall baytak-desktop or use a layer of the store.</source>
        <translation>Базовая карта {path} отсутствует, поэтому нет опорных мест; переустановите baytak-desktop или используйте слой хранилища.</translation>
    </message>
    <message>
        <source>The basemap {path} is not on this device; the map is drawn without it. Add it again from File.</source>
        <translation>Подложки {path} нет на этом устройстве; карта рисуется без неё. Добавьте её снова через меню «Файл».</translation>
    </message>
    <message>
        <source>The chunk has {got} bytes but Content-Range says {want}.</source>
        <translation>Во фрагменте {got} байт, а Content-Range указывает {want}.</translation>
    </message>
    <message>
        <source>The chunk has {more}{got} bytes but Content-Range says {want}.</source>
        <translation>Во фрагменте {more}{got} байт, а Content-Range указывает {want}.</translation>
    </message>
    <message>
        <source>The colour {value} is not a #rrggbb colour.</source>
        <translation>Цвет {value} не в формате #rrggbb.</translation>
    </message>
    <message>
        <source>The coordinate system of {file} cannot be used: save the file again with a standard one (an EPSG code, such as EPSG:4326 or a UTM zone) ({library}: {detail})</source>
        <translation>Систему координат {file} нельзя использовать: сохраните файл заново в стандартной системе (с кодом EPSG, например EPSG:4326 или зона UTM) ({library}: {detail})</translation>
    </message>
    <message>
        <source>The coordinates of {file} are metres in a projected coordinate system (UTM, Gauss-Krüger), not degrees: {column} holds {value}. A table gives no coordinate system, so convert the points to longitude/latitude in QGIS, or save them as a Shapefile or GeoPackage with their coordinate system</source>
        <translation>Координаты в {file} — метры в проекции (UTM, Гаусс-Крюгер), а не градусы: в {column} записано {value}. В таблице нет системы координат, поэтому переведите точки в долготу/широту в QGIS или сохраните их как Shapefile или GeoPackage с их системой координат</translation>
    </message>
    <message>
        <source>The database URL {url!r} is neither sqlite:///FILE nor postgresql://...</source>
        <translation>URL базы данных {url!r} не является ни sqlite:///FILE, ни postgresql://...</translation>
    </message>
    <message>
        <source>The date {date} is not a date like 2025-06-30.</source>
        <translation>{date} — не дата вида 2025-06-30.</translation>
    </message>
    <message>
        <source>The distance must be a number of kilometres, 0 or more, not {km}.</source>
        <translation>Расстояние должно быть числом километров, 0 или больше, а не {km}.</translation>
    </message>
    <message>
        <source>The exhibit painter is not installed (no entry point {name} in {group}); reinstall baytak-desktop.</source>
        <translation>Модуль отрисовки материалов не установлен (нет точки входа {name} в группе {group}); переустановите baytak-desktop.</translation>
    </message>
    <message>
        <source>The extent {extent} is not west,south,east,north in degrees with west &lt; east and south &lt; north.</source>
        <translation>Охват {extent} — не запад,юг,восток,север в градусах с запад &lt; восток и юг &lt; север.</translation>
    </message>
    <message>
        <source>The file is {total} bytes; one account may upload at most {limit} bytes at a time.</source>
        <translation>Файл занимает {total} байт; одна учётная запись может загружать не больше {limit} байт одновременно.</translation>
    </message>
    <message>
        <source>The file is {total} bytes; the server takes attachments up to {limit} bytes.</source>
        <translation>Файл занимает {total} байт; сервер принимает вложения до {limit} байт.</translation>
    </message>
    <message>
        <source>The file {file} has no .prj: its coordinate system is unknown. Add the .prj (or re-export with one)</source>
        <translation>У файла {file} нет .prj: его система координат неизвестна. Добавьте .prj (или экспортируйте заново вместе с ним)</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Папки {folder} не существует.</translation>
    </message>
    <message>
        <source>The image already has overviews</source>
        <translation>У снимка уже есть обзорные уровни</translation>
    </message>
    <message>
        <source>The image {title} is not on this device ({path}); copy it there, or add it again from where it is. The map is drawn without it.</source>
        <translation>Снимка {title} нет на этом устройстве ({path}); скопируйте его туда или добавьте заново оттуда, где он лежит. Карта рисуется без него.</translation>
    </message>
    <message>
        <source>The layer definition {source} cannot be used: {summary}</source>
        <translation>Описание слоя {source} нельзя использовать: {summary}</translation>
    </message>
    <message>
        <source>The layer definition {source} is written in {found}, which this version of Baytak does not know (it knows {known}); update the program.</source>
        <translation>Описание слоя {source} записано в формате {found}, которого эта версия Baytak не знает (она знает {known}); обновите программу.</translation>
    </message>
    <message>
        <source>The layer {layer} cannot be published as it is: {summary}</source>
        <translation>Слой {layer} нельзя опубликовать в таком виде: {summary}</translation>
    </message>
    <message>
        <source>The layer {layer} has no field {field} that an import can fill. Fields: {fields}.</source>
        <translation>В слое {layer} нет поля {field}, которое может заполнить импорт. Поля: {fields}.</translation>
    </message>
    <message>
        <source>The layer {layer} has no field {field}.</source>
        <translation>В слое {layer} нет поля {field}.</translation>
    </message>
    <message>
        <source>The line pattern {value} is not one of: solid, dash, dot, dashdot.</source>
        <translation>Тип линии {value} не из списка: solid, dash, dot, dashdot.</translation>
    </message>
    <message>
        <source>The name {name!r} looks like the existing user {twin!r}; choose a name nobody can take for it.</source>
        <translation>Имя {name!r} похоже на имя существующего пользователя {twin!r}; выберите имя, которое нельзя с ним спутать.</translation>
    </message>
    <message>
        <source>The offline basemap {file} has no layer &apos;{name}&apos;; it is left out.</source>
        <translation>В офлайн-подложке {file} нет слоя «{name}»; он не показан.</translation>
    </message>
    <message>
        <source>The offline basemap {path} cannot be read (damaged, or not a GeoPackage); the map shows your data without it. Reinstall baytak-desktop to restore it ({library}: {detail})</source>
        <translation>Офлайн-подложка {path} не читается (повреждена или это не GeoPackage); карта показывает ваши данные без неё. Переустановите baytak-desktop, чтобы восстановить её ({library}: {detail})</translation>
    </message>
    <message>
        <source>The offline basemap {path} is missing; the map shows your data without it. Reinstall baytak-desktop to restore it.</source>
        <translation>Офлайн-подложки {path} нет; карта показывает ваши данные без неё. Переустановите baytak-desktop, чтобы восстановить её.</translation>
    </message>
    <message>
        <source>The password must have at least 8 characters.</source>
        <translation>Пароль должен содержать не менее 8 символов.</translation>
    </message>
    <message>
        <source>The photo distance limit must be a number of kilometres, 0 or more, not {value}.</source>
        <translation>Предел расстояния для фото должен быть числом километров, 0 или больше, а не {value}.</translation>
    </message>
    <message>
        <source>The photo time limit must be a whole number of days, 0 or more, not {value}.</source>
        <translation>Предел времени для фото должен быть целым числом дней, 0 или больше, а не {value}.</translation>
    </message>
    <message>
        <source>The request body is not valid JSON.</source>
        <translation>Тело запроса — не корректный JSON.</translation>
    </message>
    <message>
        <source>The request does not have the expected shape: {found}.</source>
        <translation>Запрос не имеет ожидаемой структуры: {found}.</translation>
    </message>
    <message>
        <source>The request body holds a number of more than {limit} digits; no value is that long.</source>
        <translation>В теле запроса есть число длиннее {limit} цифр; таких длинных значений не бывает.</translation>
    </message>
    <message>
        <source>The request body is not UTF-8 (byte {position}); send JSON as UTF-8.</source>
        <translation>Тело запроса не в кодировке UTF-8 (байт {position}); отправляйте JSON в UTF-8.</translation>
    </message>
    <message>
        <source>The request body names the key {key!r} twice in one object; send each key once.</source>
        <translation>В теле запроса ключ {key!r} указан в одном объекте дважды; отправляйте каждый ключ один раз.</translation>
    </message>
    <message>
        <source>The request body nests JSON arrays or objects too deeply to read; the protocol&apos;s are a few levels deep.</source>
        <translation>В теле запроса массивы или объекты JSON вложены слишком глубоко; тела протокола имеют лишь несколько уровней.</translation>
    </message>
    <message>
        <source>The request does not have the expected shape: {found}; and {more} more.</source>
        <translation>Запрос не имеет ожидаемой структуры: {found}; и ещё {more}.</translation>
    </message>
    <message>
        <source>The request is larger than the server accepts ({limit} bytes).</source>
        <translation>Запрос больше, чем принимает сервер ({limit} байт).</translation>
    </message>
    <message>
        <source>The server database has a table {table} already that is not a Baytak layer; rename it, or publish the layer under another name.</source>
        <translation>В базе данных сервера уже есть таблица {table}, которая не является слоем Baytak; переименуйте её или опубликуйте слой под другим именем.</translation>
    </message>
    <message>
        <source>The server database was written by a newer baytak server (schema {found}, this one knows {known}); update the server program.</source>
        <translation>База данных сервера записана более новой версией сервера baytak (схема {found}, эта версия знает {known}); обновите программу сервера.</translation>
    </message>
    <message>
        <source>The server failed; nothing was changed. Try again; if it persists, tell the administrator.</source>
        <translation>Сбой сервера; ничего не изменено. Повторите попытку; если ошибка повторится, сообщите администратору.</translation>
    </message>
    <message>
        <source>The server has no complete attachment {sha256}.</source>
        <translation>На сервере нет полного вложения {sha256}.</translation>
    </message>
    <message>
        <source>The server has no feature {uuid} in {layer} to update; send it as an insert.</source>
        <translation>На сервере нет объекта {uuid} в слое {layer}, который можно обновить; отправьте его как новый.</translation>
    </message>
    <message>
        <source>The server has {received} of {total} bytes; send the chunk that starts at byte {restart}.</source>
        <translation>На сервере {received} из {total} байт; отправьте фрагмент, начинающийся с байта {restart}.</translation>
    </message>
    <message>
        <source>The server is busy; nothing was changed. Try again in {seconds} s.</source>
        <translation>Сервер занят; ничего не изменено. Повторите через {seconds} с.</translation>
    </message>
    <message>
        <source>The server refused {count} of your changes within the last {minutes} minutes; see why, fix them, and sync again in {seconds} s.</source>
        <translation>За последние {minutes} мин сервер отклонил {count} ваших изменений; посмотрите причину, исправьте их и синхронизируйте снова через {seconds} с.</translation>
    </message>
    <message>
        <source>The server {server} answered with something that is not a Baytak server&apos;s answer: check the address; a Wi-Fi sign-in page or a proxy may be in the way. Your edits are safe on this computer.</source>
        <translation>Сервер {server} ответил не так, как отвечает сервер Baytak: проверьте адрес; возможно, мешает страница входа в Wi-Fi или прокси. Ваши правки сохранены на этом компьютере.</translation>
    </message>
    <message>
        <source>The server {server} could not handle the request ({code}: {reason}). Your edits are safe on this computer; try again later, or tell the server&apos;s administrator.</source>
        <translation>Сервер {server} не смог обработать запрос ({code}: {reason}). Ваши правки сохранены на этом компьютере; попробуйте позже или сообщите администратору сервера.</translation>
    </message>
    <message>
        <source>The server {server} keeps refusing the upload of attachment {sha256} at byte {offset}. Your edits and the file are safe on this computer; sync again later, or tell the server&apos;s administrator.</source>
        <translation>Сервер {server} раз за разом отклоняет загрузку вложения {sha256} с байта {offset}. Ваши правки и файл сохранены на этом компьютере; синхронизируйте позже или сообщите администратору сервера.</translation>
    </message>
    <message>
        <source>The server {server} refused the request: {reason} ({code}).</source>
        <translation>Сервер {server} отклонил запрос: {reason} ({code}).</translation>
    </message>
    <message>
        <source>The server&apos;s answer is saved</source>
        <translation>Ответ сервера сохранён</translation>
    </message>
    <message>
        <source>The shapefile {file} has no {part} file (its index): add it, or re-export the shapefile</source>
        <translation>У shapefile {file} нет файла {part} (его индекса): добавьте его или экспортируйте shapefile заново</translation>
    </message>
    <message>
        <source>The shapefile {file} has no {part} file, so its attributes are missing: add it</source>
        <translation>У shapefile {file} нет файла {part}, поэтому нет его атрибутов: добавьте его</translation>
    </message>
    <message>
        <source>The store {path} does not exist.</source>
        <translation>Хранилища {path} не существует.</translation>
    </message>
    <message>
        <source>The style saved for {layer} names another layer, {other}.</source>
        <translation>Стиль, сохранённый для {layer}, относится к другому слою: {other}.</translation>
    </message>
    <message>
        <source>The text of {file} is not in an encoding baytak can recognise for sure ({found}): choose its encoding</source>
        <translation>Кодировку текста {file} baytak не может определить наверняка ({found}): выберите его кодировку</translation>
    </message>
    <message>
        <source>The tile address {url} must start with http:// or https:// and contain {{z}}, {{x}} and {{y}}.</source>
        <translation>Адрес тайлов {url} должен начинаться с http:// или https:// и содержать {{z}}, {{x}} и {{y}}.</translation>
    </message>
    <message>
        <source>The track has fewer than 2 points: walk on before saving it as a line.</source>
        <translation>В треке меньше 2 точек: пройдите дальше, прежде чем сохранять его линией.</translation>
    </message>
    <message>
        <source>The two passwords differ; nothing was changed.</source>
        <translation>Пароли не совпадают; ничего не изменено.</translation>
    </message>
    <message>
        <source>The uploaded bytes hash to {actual}, not {name}; the upload was discarded. Upload the file again from the start.</source>
        <translation>Хеш загруженных байтов — {actual}, а не {name}; загрузка отброшена. Загрузите файл заново с начала.</translation>
    </message>
    <message>
        <source>The value {value!r} given for the field {field} cannot be used: {reason}</source>
        <translation>Значение {value!r}, заданное для поля {field}, нельзя использовать: {reason}</translation>
    </message>
    <message>
        <source>The visibility or drawing order of {layer} is not valid.</source>
        <translation>Видимость или порядок отрисовки слоя {layer} недопустимы.</translation>
    </message>
    <message>
        <source>The web map would fetch {count} file(s) from the internet (first: {first}); it was not written.</source>
        <translation>Веб-карта загружала бы из интернета файлов: {count} (первый: {first}); она не записана.</translation>
    </message>
    <message>
        <source>The {name} {value} is out of range ({low} to {high}).</source>
        <translation>Значение {name} {value} вне допустимого диапазона (от {low} до {high}).</translation>
    </message>
    <message>
        <source>There is already a user named {name!r}.</source>
        <translation>Пользователь с именем {name!r} уже существует.</translation>
    </message>
    <message>
        <source>There is no conflict {id} in {store}; baytak conflicts {store} lists them.</source>
        <translation>В {store} нет конфликта {id}; их список выводит baytak conflicts {store}.</translation>
    </message>
    <message>
        <source>There is no conflict {id} you can see.</source>
        <translation>Нет доступного вам конфликта {id}.</translation>
    </message>
    <message>
        <source>There is no layer named {layer!r}. Layers: {known}.</source>
        <translation>Нет слоя с именем {layer!r}. Слои: {known}.</translation>
    </message>
    <message>
        <source>There is no layer named {source!r}. Use {known}, places (the basemap&apos;s towns) or osm_places (the villages of the store&apos;s OpenStreetMap basemaps).</source>
        <translation>Слоя {source!r} нет. Используйте {known}, places (города подложки) или osm_places (сёла подложек OpenStreetMap этого хранилища).</translation>
    </message>
    <message>
        <source>There is no layer {layer}. Layers: {known}.</source>
        <translation>Нет слоя {layer}. Слои: {known}.</translation>
    </message>
    <message>
        <source>There is no user named {name!r}.</source>
        <translation>Нет пользователя с именем {name!r}.</translation>
    </message>
    <message>
        <source>There is no {method} {path} on this server.</source>
        <translation>На этом сервере нет {method} {path}.</translation>
    </message>
    <message>
        <source>This GeoPackage already has a table {table} that is not a Baytak layer; rename it in QGIS or use another file.</source>
        <translation>В этом GeoPackage уже есть таблица {table}, которая не является слоем Baytak; переименуйте её в QGIS или используйте другой файл.</translation>
    </message>
    <message>
        <source>This GeoPackage already has a table {table} that is not a Baytak layer; rename it in QGIS, then sync again.</source>
        <translation>В этом GeoPackage уже есть таблица {table}, которая не является слоем Baytak; переименуйте её в QGIS и синхронизируйте снова.</translation>
    </message>
    <message>
        <source>This database was written by a newer version of Baytak (schema {found}, this one knows {known}); update the program.</source>
        <translation>Эта база данных записана более новой версией Baytak (схема {found}, эта версия знает {known}); обновите программу.</translation>
    </message>
    <message>
        <source>This device has pulled up to revision {after}, but the server&apos;s latest is {server_rev}: the server was restored from an older copy or is another server. Tell the administrator.</source>
        <translation>Это устройство получило изменения до ревизии {after}, но последняя ревизия сервера — {server_rev}: сервер восстановлен из более старой копии или это другой сервер. Сообщите администратору.</translation>
    </message>
    <message>
        <source>This is a feature of the demo (illustrative data); it is not imported into a real store.</source>
        <translation>Это объект демо (условные данные); он не импортируется в рабочее хранилище.</translation>
    </message>
    <message>
        <source>This photo is already attached to this feature (SHA-256 {sha256}).</source>
        <translation>Эта фотография уже прикреплена к этому объекту (SHA-256 {sha256}).</translation>
    </message>
    <message>
        <source>This server speaks {protocol}; update the app.</source>
        <translation>Этот сервер работает по протоколу {protocol}; обновите программу.</translation>
    </message>
    <message>
        <source>This store was written by a newer baytak-desktop (schema {found}, this one knows {known}); update the program.</source>
        <translation>Это хранилище записано более новой версией baytak-desktop (схема {found}, эта версия знает {known}); обновите программу.</translation>
    </message>
    <message>
        <source>This token is unknown or was revoked; sign in again.</source>
        <translation>Этот токен неизвестен или отозван; войдите снова.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins for {name!r}; try again in {seconds} s.</source>
        <translation>Слишком много неудачных входов для {name!r}; повторите через {seconds} с.</translation>
    </message>
    <message>
        <source>Tracking the edits made by another program…</source>
        <translation>Учёт правок, сделанных другой программой…</translation>
    </message>
    <message>
        <source>Unknown server setting(s) {names}; known: {known}.</source>
        <translation>Неизвестные настройки сервера: {names}; известные: {known}.</translation>
    </message>
    <message>
        <source>Unknown style kind {kind}: use single or categorized.</source>
        <translation>Неизвестный вид стиля {kind}: используйте single или categorized.</translation>
    </message>
    <message>
        <source>Upload the attachments first ({count} missing), then resolve again.</source>
        <translation>Сначала загрузите вложения (не хватает: {count}), затем разрешите снова.</translation>
    </message>
    <message>
        <source>Upload the attachments first ({count} missing), then send the same changeset again.</source>
        <translation>Сначала загрузите вложения (не хватает: {count}), затем отправьте тот же набор изменений снова.</translation>
    </message>
    <message>
        <source>Waiting for {program}, which has the store locked ({seconds} s)...</source>
        <translation>Ожидание: {program} держит хранилище заблокированным ({seconds} с)...</translation>
    </message>
    <message>
        <source>Water area by year (geodesic):</source>
        <translation>Площадь воды по годам (геодезически):</translation>
    </message>
    <message>
        <source>Web map written</source>
        <translation>Веб-карта записана</translation>
    </message>
    <message>
        <source>Within {km} (geodesic) of each of {count} {from_layer}, from {to_layer}:</source>
        <translation>В пределах {km} (геодезически) от каждого из {from_layer} (всего {count}), из {to_layer}:</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>Запись файла…</translation>
    </message>
    <message>
        <source>Writing the web map…</source>
        <translation>Запись веб-карты…</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Неверное имя пользователя или пароль.</translation>
    </message>
    <message>
        <source>Wrote the evidence dossier of {uuid} to {out}</source>
        <translation>Досье доказательств {uuid} записано в {out}</translation>
    </message>
    <message>
        <source>Wrote {out}</source>
        <translation>Записано {out}</translation>
    </message>
    <message>
        <source>Wrote {path}: {features} features in {layers} layers, {size} MB, works offline</source>
        <translation>Записано {path}: объектов: {features}, слоёв: {layers}, {size} МБ, работает без сети</translation>
    </message>
    <message>
        <source>You have {count} unfinished uploads ({size} bytes); finish them before starting another, or wait until the oldest expires in {seconds} s.</source>
        <translation>У вас {count} незавершённых загрузок ({size} байт); завершите их, прежде чем начинать новую, или подождите, пока самая старая истечёт через {seconds} с.</translation>
    </message>
    <message>
        <source>Your account on {server} is disabled ({reason}): ask your coordinator or the server&apos;s administrator to enable it. Your edits are safe on this computer.</source>
        <translation>Ваша учётная запись на {server} отключена ({reason}): попросите координатора или администратора сервера включить её. Ваши правки сохранены на этом компьютере.</translation>
    </message>
    <message>
        <source>Your sign-in expired; sign in again.</source>
        <translation>Срок входа истёк; войдите снова.</translation>
    </message>
    <message>
        <source>Your sign-in to {server} has expired or was revoked ({reason}): sign in again with baytak login {store} --server {server} --user NAME. Your edits are safe on this computer.</source>
        <translation>Срок вашего входа на {server} истёк или вход отозван ({reason}): войдите снова командой baytak login {store} --server {server} --user NAME. Ваши правки сохранены на этом компьютере.</translation>
    </message>
    <message>
        <source>[resolved: {resolution}]</source>
        <translation>[разрешён: {resolution}]</translation>
    </message>
    <message>
        <source>a GPS receiver: watch, average, log a site, record a track, replay a log</source>
        <translation>GPS-приёмник: наблюдать, усреднять, отметить место, записать трек, воспроизвести журнал</translation>
    </message>
    <message>
        <source>a LineString in a MULTILINESTRING layer (GeoPackage requirement 32)</source>
        <translation>LineString в слое MULTILINESTRING (требование 32 GeoPackage)</translation>
    </message>
    <message>
        <source>a Polygon in a MULTIPOLYGON layer (GeoPackage requirement 32)</source>
        <translation>Polygon в слое MULTIPOLYGON (требование 32 GeoPackage)</translation>
    </message>
    <message>
        <source>a colon is missing after a key</source>
        <translation>после ключа нет двоеточия</translation>
    </message>
    <message>
        <source>a comma is missing</source>
        <translation>не хватает запятой</translation>
    </message>
    <message>
        <source>a feature must keep a geometry; it cannot be set to null</source>
        <translation>у объекта должна остаться геометрия; её нельзя сделать пустой (null)</translation>
    </message>
    <message>
        <source>a key must be in double quotes (or a comma too many)</source>
        <translation>ключ должен быть в двойных кавычках (или лишняя запятая)</translation>
    </message>
    <message>
        <source>a layer definition is a JSON object {{...}}, not {kind}</source>
        <translation>описание слоя — это объект JSON {{...}}, а не {kind}</translation>
    </message>
    <message>
        <source>a one-point MultiPoint in a POINT layer</source>
        <translation>MultiPoint из одной точки в слое POINT</translation>
    </message>
    <message>
        <source>a point layer</source>
        <translation>точечный слой</translation>
    </message>
    <message>
        <source>a polygon needs at least 3 corners; this one has {count}</source>
        <translation>у многоугольника должно быть не меньше 3 углов; у этого {count}</translation>
    </message>
    <message>
        <source>a polygon ring has {points} points; it needs at least 4 (three corners and the first point repeated at the end)</source>
        <translation>в кольце полигона {points} точек; нужно не меньше 4 (три угла и первая точка, повторённая в конце)</translation>
    </message>
    <message>
        <source>a recorded track as a new outline (or line) in a layer</source>
        <translation>записанный трек как новый контур (или линия) в слое</translation>
    </message>
    <message>
        <source>a reporter may change or delete only the features they created</source>
        <translation>репортёр может изменять или удалять только созданные им объекты</translation>
    </message>
    <message>
        <source>a review mark names its reviewer: write {name}, not {others}</source>
        <translation>отметка проверки называет проверяющего: пишите {name}, а не {others}</translation>
    </message>
    <message>
        <source>a text holds a line break or a tab; write it as \n or \t</source>
        <translation>в тексте перевод строки или табуляция; запишите их как \n или \t</translation>
    </message>
    <message>
        <source>a text is not closed with a double quote</source>
        <translation>текст не закрыт двойной кавычкой</translation>
    </message>
    <message>
        <source>a title (default: the file name)</source>
        <translation>название (по умолчанию: имя файла)</translation>
    </message>
    <message>
        <source>a title for the basemap (default: the extract&apos;s name)</source>
        <translation>название подложки (по умолчанию: имя выгрузки)</translation>
    </message>
    <message>
        <source>a value is missing or is not JSON (text goes in double quotes)</source>
        <translation>значение отсутствует или это не JSON (текст пишется в двойных кавычках)</translation>
    </message>
    <message>
        <source>a viewer cannot change features</source>
        <translation>наблюдатель не может изменять объекты</translation>
    </message>
    <message>
        <source>a viewer cannot resolve conflicts</source>
        <translation>наблюдатель не может разрешать конфликты</translation>
    </message>
    <message>
        <source>a viewer cannot upload attachments</source>
        <translation>наблюдатель не может загружать вложения</translation>
    </message>
    <message>
        <source>add --overwrite to replace it</source>
        <translation>добавьте --overwrite, чтобы заменить его</translation>
    </message>
    <message>
        <source>add --overwrite to replace that layer; the file&apos;s other layers stay</source>
        <translation>добавьте --overwrite, чтобы заменить этот слой; остальные слои файла останутся</translation>
    </message>
    <message>
        <source>add --swap-xy</source>
        <translation>добавьте --swap-xy</translation>
    </message>
    <message>
        <source>add --swap-xy if X is the latitude (northing), or give --lat-column Y --lon-column X</source>
        <translation>добавьте --swap-xy, если X — это широта (северная координата), или укажите --lat-column Y --lon-column X</translation>
    </message>
    <message>
        <source>add an account</source>
        <translation>добавить учётную запись</translation>
    </message>
    <message>
        <source>add, list, disable or enable accounts</source>
        <translation>добавить, перечислить, отключить или включить учётные записи</translation>
    </message>
    <message>
        <source>address to listen on (default {host})</source>
        <translation>адрес для прослушивания (по умолчанию {host})</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>администратор</translation>
    </message>
    <message>
        <source>an attribute (repeatable)</source>
        <translation>атрибут (можно повторять)</translation>
    </message>
    <message>
        <source>an outline (polygon) or line layer</source>
        <translation>слой контуров (полигонов) или линий</translation>
    </message>
    <message>
        <source>another program</source>
        <translation>другая программа</translation>
    </message>
    <message>
        <source>another program is writing to it; close it there (or wait for it), then try again</source>
        <translation>в него пишет другая программа; закройте его там (или подождите), затем повторите</translation>
    </message>
    <message>
        <source>argument {argument}: expected one argument</source>
        <translation>аргумент {argument}: ожидалось одно значение</translation>
    </message>
    <message>
        <source>argument {argument}: invalid choice: {value} (choose from {choices})</source>
        <translation>аргумент {argument}: недопустимый выбор: {value} (выберите из {choices})</translation>
    </message>
    <message>
        <source>argument {argument}: {message}</source>
        <translation>аргумент {argument}: {message}</translation>
    </message>
    <message>
        <source>as chosen</source>
        <translation>как выбрано</translation>
    </message>
    <message>
        <source>as the .dbf&apos;s language driver says</source>
        <translation>как указывает языковой драйвер .dbf</translation>
    </message>
    <message>
        <source>as the file declares</source>
        <translation>как указано в файле</translation>
    </message>
    <message>
        <source>as {role} of branch {branch} you cannot change a feature of {shown}</source>
        <translation>как {role} филиала {branch} вы не можете изменить объект: {shown}</translation>
    </message>
    <message>
        <source>attachment {sha256}, {name}: {problem}</source>
        <translation>вложение {sha256}, {name}: {problem}</translation>
    </message>
    <message>
        <source>basemap</source>
        <translation>подложка</translation>
    </message>
    <message>
        <source>baytak init NEW.gpkg, then baytak import NEW.gpkg FILE.gpkg --layer LAYER --source-layer THEIRS</source>
        <translation>baytak init NEW.gpkg, затем baytak import NEW.gpkg FILE.gpkg --layer LAYER --source-layer THEIRS</translation>
    </message>
    <message>
        <source>baytak server on http://{host}:{port} ({database}); API docs at /docs</source>
        <translation>baytak server на http://{host}:{port} ({database}); документация API на /docs</translation>
    </message>
    <message>
        <source>branch {branch}</source>
        <translation>филиал {branch}</translation>
    </message>
    <message>
        <source>buffers: write them as GeoJSON here</source>
        <translation>buffers: записать их сюда как GeoJSON</translation>
    </message>
    <message>
        <source>build a basemap from an .osm.pbf extract and register it</source>
        <translation>построить подложку из выгрузки .osm.pbf и зарегистрировать её</translation>
    </message>
    <message>
        <source>buildings</source>
        <translation>здания</translation>
    </message>
    <message>
        <source>built beside it (.ovr)</source>
        <translation>построены рядом (.ovr)</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>встроенный</translation>
    </message>
    <message>
        <source>check integrity, schema, journal triggers, spatial index and every feature</source>
        <translation>проверить целостность, схему, триггеры журнала, пространственный индекс и каждый объект</translation>
    </message>
    <message>
        <source>columns X and Y: X is the latitude (northing)</source>
        <translation>столбцы X и Y: X — это широта (северная координата)</translation>
    </message>
    <message>
        <source>columns not imported (no field of that name): {columns} (--map-field COLUMN=FIELD imports one)</source>
        <translation>неимпортированные столбцы (нет поля с таким именем): {columns} (--map-field COLUMN=FIELD импортирует столбец)</translation>
    </message>
    <message>
        <source>columns the store computes itself, not imported: {columns}</source>
        <translation>столбцы, которые хранилище вычисляет само, не импортированы: {columns}</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>подключено</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>подключение</translation>
    </message>
    <message>
        <source>contains the character {code} (at position {position}), which text cannot hold; remove it</source>
        <translation>содержит символ {code} (в позиции {position}), которого не может быть в тексте; удалите его</translation>
    </message>
    <message>
        <source>coordinates are not finite numbers</source>
        <translation>координаты не являются конечными числами</translation>
    </message>
    <message>
        <source>coordinates outside the world (lon {minx:g}..{maxx:g}, lat {miny:g}..{maxy:g}); longitude must be -180..180 and latitude -90..90 (were they swapped?)</source>
        <translation>координаты за пределами мира (долгота {minx:g}..{maxx:g}, широта {miny:g}..{maxy:g}); долгота должна быть -180..180, а широта -90..90 (не перепутаны ли они?)</translation>
    </message>
    <message>
        <source>coordinator</source>
        <translation>координатор</translation>
    </message>
    <message>
        <source>create a new store</source>
        <translation>создать новое хранилище</translation>
    </message>
    <message>
        <source>curved geometries (type {code}) are not accepted; convert the curves to lines</source>
        <translation>криволинейные геометрии (тип {code}) не принимаются; преобразуйте дуги в ломаные линии</translation>
    </message>
    <message>
        <source>data directory (default: the user data dir + /baytak-server); holds server.sqlite</source>
        <translation>каталог данных (по умолчанию: каталог данных пользователя + /baytak-server); в нём server.sqlite</translation>
    </message>
    <message>
        <source>demo</source>
        <translation>демо</translation>
    </message>
    <message>
        <source>disable an account: its tokens stop working at once</source>
        <translation>отключить учётную запись: её токены сразу перестают работать</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>отключена</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>соединение потеряно</translation>
    </message>
    <message>
        <source>distance in kilometres, geodesic (default 10)</source>
        <translation>расстояние в километрах, геодезическое (по умолчанию 10)</translation>
    </message>
    <message>
        <source>do not ask the sync server for the full history</source>
        <translation>не запрашивать полную историю у сервера синхронизации</translation>
    </message>
    <message>
        <source>drone and satellite images referenced by the store (not synced)</source>
        <translation>снимки с дронов и спутников, на которые ссылается хранилище (не синхронизируются)</translation>
    </message>
    <message>
        <source>drop corners within M metres of the line</source>
        <translation>убрать углы в пределах M метров от линии</translation>
    </message>
    <message>
        <source>editor</source>
        <translation>редактор</translation>
    </message>
    <message>
        <source>enable a disabled account again</source>
        <translation>снова включить отключённую учётную запись</translation>
    </message>
    <message>
        <source>error</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>ошибка: {message}</translation>
    </message>
    <message>
        <source>export</source>
        <translation>экспорт</translation>
    </message>
    <message>
        <source>export a layer to a file; the format comes from the extension</source>
        <translation>экспортировать слой в файл; формат определяется расширением</translation>
    </message>
    <message>
        <source>field {name} cannot become required: features recorded without it would be refused. Keep it optional</source>
        <translation>поле {name} нельзя сделать обязательным: объекты, записанные без него, будут отклонены. Оставьте его необязательным</translation>
    </message>
    <message>
        <source>field {name} cannot start refusing future dates: dates already recorded may be</source>
        <translation>поле {name} не может начать отклонять будущие даты: такие даты уже могут быть записаны</translation>
    </message>
    <message>
        <source>field {name} is missing: a field cannot be removed or renamed, the values recorded in it would be lost. Keep it and mark it &quot;deprecated&quot;: true (hidden in forms, kept in the data); add a new field for a new name</source>
        <translation>поле {name} отсутствует: поле нельзя удалить или переименовать, записанные в нём значения будут потеряны. Оставьте его и пометьте &quot;deprecated&quot;: true (скрыто в формах, сохраняется в данных); для нового имени добавьте новое поле</translation>
    </message>
    <message>
        <source>field {name}: a new field cannot be required, as the features already recorded have no value for it: publish it without &quot;required&quot;</source>
        <translation>поле {name}: новое поле не может быть обязательным, у уже записанных объектов нет его значения: опубликуйте его без &quot;required&quot;</translation>
    </message>
    <message>
        <source>field {name}: a vocabulary cannot be added to or taken from a field that exists: add a new field and mark this one &quot;deprecated&quot;: true</source>
        <translation>поле {name}: к существующему полю нельзя добавить справочник или убрать его: добавьте новое поле, а это пометьте &quot;deprecated&quot;: true</translation>
    </message>
    <message>
        <source>field {name}: the code {code} is missing: a code cannot be removed, features may hold it. Keep it and mark it &quot;deprecated&quot;: true</source>
        <translation>поле {name}: код {code} отсутствует: код нельзя удалить, он может быть у объектов. Оставьте его и пометьте &quot;deprecated&quot;: true</translation>
    </message>
    <message>
        <source>field {name}: the type cannot change from {old} to {new}: add a new {new} field and mark this one &quot;deprecated&quot;: true</source>
        <translation>поле {name}: тип нельзя сменить с {old} на {new}: добавьте новое поле типа {new}, а это пометьте &quot;deprecated&quot;: true</translation>
    </message>
    <message>
        <source>field {name}: the vocabulary name branch belongs to every layer; choose another</source>
        <translation>поле {name}: имя справочника branch принадлежит всем слоям; выберите другое</translation>
    </message>
    <message>
        <source>field {name}: the vocabulary name {vocabulary} belongs to the layer {other}; choose another</source>
        <translation>поле {name}: имя справочника {vocabulary} принадлежит слою {other}; выберите другое</translation>
    </message>
    <message>
        <source>field {name}: the {limit} can only be relaxed, never tightened: values recorded under the old limit would be refused. Keep the old limit</source>
        <translation>поле {name}: ограничение {limit} можно только ослабить, но не ужесточить: значения, записанные по старому ограничению, будут отклонены. Оставьте прежнее ограничение</translation>
    </message>
    <message>
        <source>field {name}: vocabulary_name cannot change</source>
        <translation>поле {name}: vocabulary_name нельзя изменить</translation>
    </message>
    <message>
        <source>field {name}: what it is derived from cannot change</source>
        <translation>поле {name}: то, из чего оно вычисляется, нельзя изменить</translation>
    </message>
    <message>
        <source>fields: the field {name} is defined {count} times</source>
        <translation>fields: поле {name} определено {count} раз(а)</translation>
    </message>
    <message>
        <source>fill it with the demo data (illustrative positions)</source>
        <translation>заполнить его демо-данными (координаты приблизительные)</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>завершено</translation>
    </message>
    <message>
        <source>fix</source>
        <translation>есть фикс</translation>
    </message>
    <message>
        <source>fixed: {finding}</source>
        <translation>исправлено: {finding}</translation>
    </message>
    <message>
        <source>flag a photo whose EXIF date is more than DAYS days from the site&apos;s observation date, 0 or more (the app&apos;s setting evidence/max_days; default {default})</source>
        <translation>отметить фото, дата EXIF которого отстоит от даты наблюдения места больше чем на DAYS дней, 0 или больше (настройка приложения evidence/max_days; по умолчанию {default})</translation>
    </message>
    <message>
        <source>flag a photo whose EXIF position is farther than KM kilometres from the site, 0 or more (the app&apos;s setting evidence/max_distance_km; default {default})</source>
        <translation>отметить фото, место EXIF которого дальше KM километров от места, 0 или больше (настройка приложения evidence/max_distance_km; по умолчанию {default})</translation>
    </message>
    <message>
        <source>forests and land use</source>
        <translation>леса и землепользование</translation>
    </message>
    <message>
        <source>geodesic analyses: proximity, per-branch summary, areas, buffers</source>
        <translation>геодезический анализ: близость, сводка по филиалам, площади, буферы</translation>
    </message>
    <message>
        <source>give FIELD the value VALUE where the file has none, e.g. --set status=closed (repeatable)</source>
        <translation>дать полю FIELD значение VALUE, где в файле его нет, например --set status=closed (можно повторять)</translation>
    </message>
    <message>
        <source>give up after S seconds (default 120)</source>
        <translation>сдаться через S секунд (по умолчанию 120)</translation>
    </message>
    <message>
        <source>go on in an existing file, as a new segment</source>
        <translation>продолжить в существующем файле новым сегментом</translation>
    </message>
    <message>
        <source>gpsd did not answer for {seconds:.0f} s</source>
        <translation>gpsd не отвечал {seconds:.0f} с</translation>
    </message>
    <message>
        <source>gpsd, serial:///dev/ttyUSB0[?baud=N], tcp://HOST:PORT, udp://[HOST]:PORT or a log file</source>
        <translation>gpsd, serial:///dev/ttyUSB0[?baud=N], tcp://HOST:PORT, udp://[HOST]:PORT или файл журнала</translation>
    </message>
    <message>
        <source>how many fixes to average (default 10)</source>
        <translation>сколько фиксов усреднять (по умолчанию 10)</translation>
    </message>
    <message>
        <source>imagery</source>
        <translation>снимки</translation>
    </message>
    <message>
        <source>import</source>
        <translation>импорт</translation>
    </message>
    <message>
        <source>import a file (GeoJSON, Shapefile, DBF, KML, GPX, CSV, GeoPackage) into a layer</source>
        <translation>импортировать файл (GeoJSON, Shapefile, DBF, KML, GPX, CSV, GeoPackage) в слой</translation>
    </message>
    <message>
        <source>import the valid rows and report the others</source>
        <translation>импортировать правильные строки и сообщить об остальных</translation>
    </message>
    <message>
        <source>in the file</source>
        <translation>в файле</translation>
    </message>
    <message>
        <source>in {file}.ovr (the image&apos;s folder is read-only)</source>
        <translation>в {file}.ovr (каталог снимка только для чтения)</translation>
    </message>
    <message>
        <source>interrupted; the store is as it was before this command</source>
        <translation>прервано; хранилище осталось таким, каким было до этой команды</translation>
    </message>
    <message>
        <source>invalid geometry: {reason}</source>
        <translation>недопустимая геометрия: {reason}</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>обязательное поле</translation>
    </message>
    <message>
        <source>is {length} characters long; at least {limit} are needed</source>
        <translation>длина {length} символов; нужно не меньше {limit}</translation>
    </message>
    <message>
        <source>is {length} characters long; at most {limit} are allowed</source>
        <translation>длина {length} символов; допускается не более {limit}</translation>
    </message>
    <message>
        <source>it cannot be opened: its folder is missing, or you have no permission to read it</source>
        <translation>его не удаётся открыть: его папки нет или у вас нет права его читать</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>это папка</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>это папка, а не файл</translation>
    </message>
    <message>
        <source>it is an SQLite database without the GeoPackage mark</source>
        <translation>это база SQLite без отметки GeoPackage</translation>
    </message>
    <message>
        <source>it is damaged (a copy or download that did not finish?); copy it again or restore a backup</source>
        <translation>он повреждён (копирование или загрузка не завершились?); скопируйте его заново или восстановите из резервной копии</translation>
    </message>
    <message>
        <source>it is not an SQLite database (or it is encrypted or damaged)</source>
        <translation>это не база данных SQLite (или она зашифрована либо повреждена)</translation>
    </message>
    <message>
        <source>its folder is read-only (SQLite needs to write its journal there)</source>
        <translation>его папка доступна только для чтения (SQLite нужно писать туда свой журнал)</translation>
    </message>
    <message>
        <source>journal trigger {name} is missing or altered: edits would not sync (open the store with baytak to reinstall it and catch up the edits)</source>
        <translation>триггер журнала {name} отсутствует или изменён: правки не будут синхронизироваться (откройте хранилище в baytak, чтобы переустановить его и наверстать правки)</translation>
    </message>
    <message>
        <source>keep only this area (degrees, WGS 84)</source>
        <translation>оставить только эту область (градусы, WGS 84)</translation>
    </message>
    <message>
        <source>layer {layer} has no field {name!r}</source>
        <translation>в слое {layer} нет поля {name!r}</translation>
    </message>
    <message>
        <source>layer {layer} takes {allowed} geometries, not {kind}</source>
        <translation>слой {layer} принимает геометрии {allowed}, а не {kind}</translation>
    </message>
    <message>
        <source>layer {name} is missing from gpkg_contents</source>
        <translation>слой {name} отсутствует в gpkg_contents</translation>
    </message>
    <message>
        <source>list the accounts</source>
        <translation>перечислить учётные записи</translation>
    </message>
    <message>
        <source>list the basemaps registered with the store</source>
        <translation>перечислить подложки, зарегистрированные в хранилище</translation>
    </message>
    <message>
        <source>list the images registered with the store</source>
        <translation>перечислить снимки, зарегистрированные в хранилище</translation>
    </message>
    <message>
        <source>list the layers (built-in and published) with their feature counts</source>
        <translation>перечислить слои (встроенные и опубликованные) с числом объектов</translation>
    </message>
    <message>
        <source>list the local changes not yet synced</source>
        <translation>перечислить локальные изменения, ещё не синхронизированные</translation>
    </message>
    <message>
        <source>list the serial ports; --probe finds the speed of each</source>
        <translation>перечислить последовательные порты; --probe находит скорость каждого</translation>
    </message>
    <message>
        <source>list the sync conflicts not resolved yet</source>
        <translation>перечислить ещё не разрешённые конфликты синхронизации</translation>
    </message>
    <message>
        <source>listen at each usual speed for NMEA</source>
        <translation>слушать NMEA на каждой обычной скорости</translation>
    </message>
    <message>
        <source>log the site here: a new point at the averaged position</source>
        <translation>отметить место здесь: новая точка в усреднённой позиции</translation>
    </message>
    <message>
        <source>make a map exhibit: an offline web map (.html) or a print layout (.pdf .png .svg)</source>
        <translation>сделать картографический материал: офлайн веб-карту (.html) или макет печати (.pdf .png .svg)</translation>
    </message>
    <message>
        <source>mine: the value of the person who made the conflicting edit; theirs: the server&apos;s</source>
        <translation>mine: значение того, кто сделал конфликтующую правку; theirs: значение сервера</translation>
    </message>
    <message>
        <source>must be at least {limit}</source>
        <translation>должно быть не меньше {limit}</translation>
    </message>
    <message>
        <source>must be at most {limit}</source>
        <translation>должно быть не больше {limit}</translation>
    </message>
    <message>
        <source>must be less than {limit}</source>
        <translation>должно быть меньше {limit}</translation>
    </message>
    <message>
        <source>must be more than {limit}</source>
        <translation>должно быть больше {limit}</translation>
    </message>
    <message>
        <source>name: {name} is a name the program keeps for itself; choose another</source>
        <translation>name: {name} — имя, которое программа оставляет за собой; выберите другое</translation>
    </message>
    <message>
        <source>no NMEA</source>
        <translation>нет NMEA</translation>
    </message>
    <message>
        <source>no NMEA from {port} at any usual speed</source>
        <translation>с {port} нет NMEA ни на одной обычной скорости</translation>
    </message>
    <message>
        <source>no NMEA sentence for {seconds:.0f} s</source>
        <translation>ни одного предложения NMEA за {seconds:.0f} с</translation>
    </message>
    <message>
        <source>no branch</source>
        <translation>без филиала</translation>
    </message>
    <message>
        <source>no fix</source>
        <translation>нет фикса</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>not JSON: a mistake at line {line}, column {column}</source>
        <translation>не JSON: ошибка в строке {line}, столбце {column}</translation>
    </message>
    <message>
        <source>not JSON: {reason} (line {line}, column {column})</source>
        <translation>не JSON: {reason} (строка {line}, столбец {column})</translation>
    </message>
    <message>
        <source>not needed</source>
        <translation>не нужны</translation>
    </message>
    <message>
        <source>notes line: {note}</source>
        <translation>строка заметок: {note}</translation>
    </message>
    <message>
        <source>offline basemaps built from OpenStreetMap extracts (not synced)</source>
        <translation>офлайн-подложки, построенные из выгрузок OpenStreetMap (не синхронизируются)</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>всё в порядке</translation>
    </message>
    <message>
        <source>only administrators read the audit log</source>
        <translation>журнал аудита читают только администраторы</translation>
    </message>
    <message>
        <source>only check the file against the server&apos;s layers</source>
        <translation>только проверить файл по слоям сервера</translation>
    </message>
    <message>
        <source>only coordinators and admins plan cleanups</source>
        <translation>уборки планируют только координаторы и администраторы</translation>
    </message>
    <message>
        <source>only coordinators and admins review features</source>
        <translation>объекты проверяют только координаторы и администраторы</translation>
    </message>
    <message>
        <source>only these layers (default: every layer with features)</source>
        <translation>только эти слои (по умолчанию: каждый слой с объектами)</translation>
    </message>
    <message>
        <source>only this layer</source>
        <translation>только этот слой</translation>
    </message>
    <message>
        <source>options</source>
        <translation>параметры</translation>
    </message>
    <message>
        <source>or use --skip-invalid to import the valid rows</source>
        <translation>или используйте --skip-invalid, чтобы импортировать правильные строки</translation>
    </message>
    <message>
        <source>output file (.geojson .gpkg .shp .zip .kml .csv)</source>
        <translation>выходной файл (.geojson .gpkg .shp .zip .kml .csv)</translation>
    </message>
    <message>
        <source>overwrite an existing file</source>
        <translation>перезаписать существующий файл</translation>
    </message>
    <message>
        <source>port (default {port})</source>
        <translation>порт (по умолчанию {port})</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>позиционные аргументы</translation>
    </message>
    <message>
        <source>postgresql://user:pass@host/db for PostgreSQL + PostGIS (default: SQLite in --data)</source>
        <translation>postgresql://user:pass@host/db для PostgreSQL + PostGIS (по умолчанию: SQLite в --data)</translation>
    </message>
    <message>
        <source>print a layer&apos;s definition as the server has it (JSON)</source>
        <translation>вывести определение слоя, как оно есть на сервере (JSON)</translation>
    </message>
    <message>
        <source>print each fix and every change of state</source>
        <translation>выводить каждый фикс и каждое изменение состояния</translation>
    </message>
    <message>
        <source>print layouts: A4, A3, A2 or A1 (default A4)</source>
        <translation>макеты печати: A4, A3, A2 или A1 (по умолчанию A4)</translation>
    </message>
    <message>
        <source>print layouts: a line under the title</source>
        <translation>макеты печати: строка под заголовком</translation>
    </message>
    <message>
        <source>print layouts: landscape page</source>
        <translation>макеты печати: альбомная страница</translation>
    </message>
    <message>
        <source>print layouts: resolution (default 300)</source>
        <translation>макеты печати: разрешение (по умолчанию 300)</translation>
    </message>
    <message>
        <source>print layouts: the author printed on the page</source>
        <translation>макеты печати: автор, печатаемый на странице</translation>
    </message>
    <message>
        <source>print layouts: the date printed (default today), e.g. 2025-06-30</source>
        <translation>макеты печати: печатаемая дата (по умолчанию сегодня), например 2025-06-30</translation>
    </message>
    <message>
        <source>print machine-readable JSON</source>
        <translation>выводить машиночитаемый JSON</translation>
    </message>
    <message>
        <source>process {pid}</source>
        <translation>процесс {pid}</translation>
    </message>
    <message>
        <source>protected areas</source>
        <translation>охраняемые территории</translation>
    </message>
    <message>
        <source>proximity/buffers: the layer measured from (default sewage_outflows)</source>
        <translation>proximity/buffers: слой, от которого измеряется (по умолчанию sewage_outflows)</translation>
    </message>
    <message>
        <source>proximity: sites within N km of each other; summary: per branch; areas: water by year and polygon layers; buffers: N km around features</source>
        <translation>proximity: места в пределах N км друг от друга; summary: по филиалам; areas: вода по годам и полигональные слои; buffers: N км вокруг объектов</translation>
    </message>
    <message>
        <source>proximity: the layer, places (the basemap&apos;s towns) or osm_places (the villages of the store&apos;s OpenStreetMap basemaps), measured to (default places)</source>
        <translation>proximity: слой, до которого измеряется: places (города подложки) или osm_places (сёла OpenStreetMap-подложек хранилища) (по умолчанию places)</translation>
    </message>
    <message>
        <source>publish a layer definition (a new layer, or additions to one); every device gets it at its next sync</source>
        <translation>опубликовать определение слоя (новый слой или дополнения к нему); каждое устройство получит его при следующей синхронизации</translation>
    </message>
    <message>
        <source>publish layer definitions; list the server&apos;s layers</source>
        <translation>публиковать определения слоёв; перечислить слои сервера</translation>
    </message>
    <message>
        <source>quarry area: </source>
        <translation>площадь карьеров: </translation>
    </message>
    <message>
        <source>railways</source>
        <translation>железные дороги</translation>
    </message>
    <message>
        <source>read sheet {layer!r}, its column names from row {line}; row numbers count from the row below them</source>
        <translation>прочитан лист {layer!r}, имена столбцов — из строки {line}; номера строк считаются от строки под ними</translation>
    </message>
    <message>
        <source>read the password from standard input</source>
        <translation>прочитать пароль со стандартного ввода</translation>
    </message>
    <message>
        <source>read the password from the first line of stdin</source>
        <translation>прочитать пароль из первой строки stdin</translation>
    </message>
    <message>
        <source>receiver&apos;s error: ±{error} m ({basis})</source>
        <translation>погрешность приёмника: ±{error} м ({basis})</translation>
    </message>
    <message>
        <source>record a track to a GPX file, written as it goes (Ctrl-C stops)</source>
        <translation>записать трек в файл GPX, записывается по ходу (Ctrl-C останавливает)</translation>
    </message>
    <message>
        <source>refused  {layer} {uuid}: {message} ({code})</source>
        <translation>отклонено  {layer} {uuid}: {message} ({code})</translation>
    </message>
    <message>
        <source>register an image (GeoTIFF, COG, JPEG 2000, ...) and build overviews</source>
        <translation>зарегистрировать снимок (GeoTIFF, COG, JPEG 2000, ...) и построить обзоры</translation>
    </message>
    <message>
        <source>rejected: {problem}</source>
        <translation>отклонено: {problem}</translation>
    </message>
    <message>
        <source>repair what can be repaired (labels, date spellings, geometry types, stale areas, triggers, index) as journaled edits, then list what remains</source>
        <translation>исправить то, что можно исправить (метки, написание дат, типы геометрии, устаревшие площади, триггеры, индекс), журналируемыми правками, затем перечислить оставшееся</translation>
    </message>
    <message>
        <source>replace OUT if it exists (in a GeoPackage: only the layer of that name); a store is never replaced</source>
        <translation>заменить OUT, если он существует (в GeoPackage: только слой с этим именем); хранилище никогда не заменяется</translation>
    </message>
    <message>
        <source>reporter</source>
        <translation>репортёр</translation>
    </message>
    <message>
        <source>resolve</source>
        <translation>разрешение</translation>
    </message>
    <message>
        <source>resolve a sync conflict on the server, then get the result</source>
        <translation>разрешить конфликт синхронизации на сервере, затем получить результат</translation>
    </message>
    <message>
        <source>resolved ones too</source>
        <translation>и разрешённые тоже</translation>
    </message>
    <message>
        <source>revision {revision}</source>
        <translation>ревизия {revision}</translation>
    </message>
    <message>
        <source>revision {revision}: {layer}, by {author}, {when}</source>
        <translation>ревизия {revision}: {layer}, опубликовал {author}, {when}</translation>
    </message>
    <message>
        <source>revoke the tokens of one user, or all tokens</source>
        <translation>отозвать токены одного пользователя или все токены</translation>
    </message>
    <message>
        <source>revoke tokens</source>
        <translation>отозвать токены</translation>
    </message>
    <message>
        <source>rivers and streams</source>
        <translation>реки и ручьи</translation>
    </message>
    <message>
        <source>roads</source>
        <translation>дороги</translation>
    </message>
    <message>
        <source>run the central sync server, manage its accounts</source>
        <translation>запустить центральный сервер синхронизации, управлять его учётными записями</translation>
    </message>
    <message>
        <source>schema version {version}, expected {expected}: open the store with baytak once to migrate it</source>
        <translation>версия схемы {version}, ожидалась {expected}: откройте хранилище в baytak один раз, чтобы перенести его</translation>
    </message>
    <message>
        <source>send an NMEA log as a receiver would, by TCP or UDP</source>
        <translation>отправлять журнал NMEA, как приёмник, по TCP или UDP</translation>
    </message>
    <message>
        <source>send it as datagrams to HOST:PORT</source>
        <translation>отправлять его датаграммами на HOST:PORT</translation>
    </message>
    <message>
        <source>send the local edits to the server, then get everything new from it</source>
        <translation>отправить локальные правки на сервер, затем получить с него всё новое</translation>
    </message>
    <message>
        <source>serve it to TCP clients on this port</source>
        <translation>раздавать его TCP-клиентам на этом порту</translation>
    </message>
    <message>
        <source>settlements and places</source>
        <translation>населённые пункты и места</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>показать версию программы и выйти</translation>
    </message>
    <message>
        <source>show this box, in degrees (default: the layers&apos; extent)</source>
        <translation>показать эту область, в градусах (по умолчанию: охват слоёв)</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>показать эту справку и выйти</translation>
    </message>
    <message>
        <source>sign this store in to a Baytak server (the token is kept outside the store)</source>
        <translation>войти этим хранилищем на сервер Baytak (токен хранится вне хранилища)</translation>
    </message>
    <message>
        <source>skip fixes closer than M metres</source>
        <translation>пропускать фиксы ближе M метров</translation>
    </message>
    <message>
        <source>skipped {count} features of another geometry type</source>
        <translation>пропущено объектов другого типа геометрии: {count}</translation>
    </message>
    <message>
        <source>spatial index has {indexed} entries for {stored} geometries</source>
        <translation>в пространственном индексе {indexed} записей на {stored} геометрий</translation>
    </message>
    <message>
        <source>spatial index triggers {names} are not the store&apos;s (another program rewrote them)</source>
        <translation>триггеры пространственного индекса {names} не от хранилища (их переписала другая программа)</translation>
    </message>
    <message>
        <source>spread: 2DRMS {drms} m (sd north {north} m, east {east} m), farthest fix {farthest} m</source>
        <translation>разброс: 2DRMS {drms} м (sd к северу {north} м, к востоку {east} м), самый дальний фикс {farthest} м</translation>
    </message>
    <message>
        <source>stand still: average N fixes, print the position and its spread</source>
        <translation>стойте на месте: усреднить N фиксов, вывести позицию и её разброс</translation>
    </message>
    <message>
        <source>start again at the end</source>
        <translation>начинать заново по достижении конца</translation>
    </message>
    <message>
        <source>stop after N fixes</source>
        <translation>остановиться после N фиксов</translation>
    </message>
    <message>
        <source>stop after S seconds</source>
        <translation>остановиться через S секунд</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>остановлено</translation>
    </message>
    <message>
        <source>style.categorized_by: {name} is not a field of this layer with a vocabulary</source>
        <translation>style.categorized_by: {name} — не поле этого слоя со справочником</translation>
    </message>
    <message>
        <source>style.colors: colours per code need categorized_by</source>
        <translation>style.colors: для цветов по кодам нужен categorized_by</translation>
    </message>
    <message>
        <source>style.colors: {code} is not a code of {name}</source>
        <translation>style.colors: {code} — не код поля {name}</translation>
    </message>
    <message>
        <source>style.label_field: there is no field {name}</source>
        <translation>style.label_field: поля {name} нет</translation>
    </message>
    <message>
        <source>style.{key}: only a line layer has line patterns and widths per code</source>
        <translation>style.{key}: тип линии и толщина по кодам бывают только у линейного слоя</translation>
    </message>
    <message>
        <source>style.{key}: values per code need categorized_by</source>
        <translation>style.{key}: для значений по кодам нужен categorized_by</translation>
    </message>
    <message>
        <source>style.{key}: {code} is not a code of {name}</source>
        <translation>style.{key}: {code} — не код поля {name}</translation>
    </message>
    <message>
        <source>sync</source>
        <translation>синхронизация</translation>
    </message>
    <message>
        <source>take the layer field DST from the file column SRC (repeatable)</source>
        <translation>брать поле слоя DST из столбца файла SRC (можно повторять)</translation>
    </message>
    <message>
        <source>the GPX file to write</source>
        <translation>файл GPX для записи</translation>
    </message>
    <message>
        <source>the GPX file with the track</source>
        <translation>файл GPX с треком</translation>
    </message>
    <message>
        <source>the NMEA log</source>
        <translation>журнал NMEA</translation>
    </message>
    <message>
        <source>the OpenStreetMap extract</source>
        <translation>выгрузка OpenStreetMap</translation>
    </message>
    <message>
        <source>the PDF to write</source>
        <translation>PDF для записи</translation>
    </message>
    <message>
        <source>the administrator publishing it (default: who runs the command)</source>
        <translation>администратор, публикующий его (по умолчанию: тот, кто запускает команду)</translation>
    </message>
    <message>
        <source>the base value {problem}</source>
        <translation>исходное значение: {problem}</translation>
    </message>
    <message>
        <source>the branch code (required for reporter, editor, coordinator)</source>
        <translation>код филиала (обязателен для reporter, editor, coordinator)</translation>
    </message>
    <message>
        <source>the cell is empty; a WKT geometry is needed</source>
        <translation>ячейка пуста; нужна геометрия WKT</translation>
    </message>
    <message>
        <source>the cell is empty; a coordinate is needed</source>
        <translation>ячейка пуста; нужна координата</translation>
    </message>
    <message>
        <source>the conflict id, as baytak conflicts lists it</source>
        <translation>id конфликта, как его перечисляет baytak conflicts</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>соединение закрыто</translation>
    </message>
    <message>
        <source>the coordinate system is not one PROJ knows; use a standard one, such as EPSG:4326 or a UTM zone</source>
        <translation>эта система координат неизвестна PROJ; используйте стандартную, например EPSG:4326 или зону UTM</translation>
    </message>
    <message>
        <source>the coordinate system of an image placed by a world file (.jgw, .tfw), which names none</source>
        <translation>система координат снимка, размещённого world-файлом (.jgw, .tfw), который её не называет</translation>
    </message>
    <message>
        <source>the coordinates fall outside longitude -180..180 / latitude -90..90 (x {minx}..{maxx}, y {miny}..{maxy})</source>
        <translation>координаты вне пределов долготы -180..180 / широты -90..90 (x {minx}..{maxx}, y {miny}..{maxy})</translation>
    </message>
    <message>
        <source>the date {raw!r} is not written as YYYY-MM-DD (GDAL and QGIS read it as empty)</source>
        <translation>дата {raw!r} записана не как ГГГГ-ММ-ДД (GDAL и QGIS читают её как пустую)</translation>
    </message>
    <message>
        <source>the disk is full; free some space, then try again</source>
        <translation>диск заполнен; освободите место и повторите</translation>
    </message>
    <message>
        <source>the disk it is on is read-only; copy it somewhere you may write</source>
        <translation>диск, на котором он лежит, доступен только для чтения; скопируйте его туда, где можно писать</translation>
    </message>
    <message>
        <source>the disk or network folder it is on failed while reading or writing it; check that it is still connected, then try again</source>
        <translation>диск или сетевая папка, где он лежит, дали сбой при чтении или записи; проверьте, что они подключены, и повторите</translation>
    </message>
    <message>
        <source>the exhibit&apos;s title</source>
        <translation>заголовок материала</translation>
    </message>
    <message>
        <source>the feature has no geometry</source>
        <translation>у объекта нет геометрии</translation>
    </message>
    <message>
        <source>the feature lies outside Kazakhstan and its neighbours (lon {lon:.4f}, lat {lat:.4f}); check that latitude and longitude are not swapped</source>
        <translation>объект находится за пределами Казахстана и соседних стран (долгота {lon:.4f}, широта {lat:.4f}); проверьте, не перепутаны ли широта и долгота</translation>
    </message>
    <message>
        <source>the feature {uuid} was not exported: its geometry cannot be read ({reason})</source>
        <translation>Объект {uuid} не экспортирован: его геометрию невозможно прочитать ({reason})</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>файла не существует</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>файл пуст</translation>
    </message>
    <message>
        <source>the file is read-only</source>
        <translation>файл доступен только для чтения</translation>
    </message>
    <message>
        <source>the file or folder was not found; check that it is still where it was</source>
        <translation>файл или папка не найдены; проверьте, что они на прежнем месте</translation>
    </message>
    <message>
        <source>the file or its folder is read-only</source>
        <translation>файл или его папка доступны только для чтения</translation>
    </message>
    <message>
        <source>the file or its folder is read-only; copy it somewhere you may write, or ask for write access</source>
        <translation>файл или его папка доступны только для чтения; скопируйте его туда, где можно писать, или попросите права на запись</translation>
    </message>
    <message>
        <source>the file to import (.geojson .shp .zip .dbf .kml .gpx .csv .gpkg)</source>
        <translation>файл для импорта (.geojson .shp .zip .dbf .kml .gpx .csv .gpkg)</translation>
    </message>
    <message>
        <source>the following arguments are required: {arguments}</source>
        <translation>обязательны следующие аргументы: {arguments}</translation>
    </message>
    <message>
        <source>the geometry cannot be read: {reason}</source>
        <translation>геометрию невозможно прочитать: {reason}</translation>
    </message>
    <message>
        <source>the geometry is in the coordinate system EPSG:{srid}; send it in longitude and latitude (EPSG:4326)</source>
        <translation>геометрия в системе координат EPSG:{srid}; отправьте её в долготе и широте (EPSG:4326)</translation>
    </message>
    <message>
        <source>the geometry is not a GeoPackage geometry blob (SpatiaLite&apos;s or plain WKB, as SQL run in another program writes it): GDAL and QGIS skip it</source>
        <translation>геометрия — не блоб геометрии GeoPackage (блоб SpatiaLite или простой WKB, как пишет SQL, выполненный в другой программе): GDAL и QGIS её пропускают</translation>
    </message>
    <message>
        <source>the geometry is not a GeoPackage geometry blob and cannot be read</source>
        <translation>геометрия — не блоб геометрии GeoPackage, и её нельзя прочитать</translation>
    </message>
    <message>
        <source>the geometry is not hex-encoded WKB</source>
        <translation>геометрия не является WKB в шестнадцатеричной записи</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB</source>
        <translation>геометрия не является корректным WKB</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB of a linear geometry</source>
        <translation>геометрия не является корректным WKB линейной геометрии</translation>
    </message>
    <message>
        <source>the geometry must be hex-encoded WKB text, not {value}</source>
        <translation>геометрия должна быть текстом WKB в шестнадцатеричной записи, а не {value}</translation>
    </message>
    <message>
        <source>the geometry type cannot change from {old} to {new}: publish a new layer for the new kind of geometry</source>
        <translation>тип геометрии нельзя сменить с {old} на {new}: для нового вида геометрии опубликуйте новый слой</translation>
    </message>
    <message>
        <source>the image; any raster GDAL reads, in any CRS</source>
        <translation>снимок; любой растр, который читает GDAL, в любой системе координат</translation>
    </message>
    <message>
        <source>the language of what baytak says: kk, ru or en (default: the environment&apos;s LANGUAGE, LC_ALL, LC_MESSAGES or LANG, else en); --json output is the same in every language</source>
        <translation>язык, на котором говорит baytak: kk, ru или en (по умолчанию: LANGUAGE, LC_ALL, LC_MESSAGES или LANG окружения, иначе en); вывод --json одинаков на всех языках</translation>
    </message>
    <message>
        <source>the layer definition (docs/layer-definitions.md)</source>
        <translation>определение слоя (docs/layer-definitions.md)</translation>
    </message>
    <message>
        <source>the layer of a GeoPackage/KML/GPX/GML source, or the sheet of an XLSX/ODS, to read</source>
        <translation>слой источника GeoPackage/KML/GPX/GML или лист XLSX/ODS, который читать</translation>
    </message>
    <message>
        <source>the layer to export</source>
        <translation>слой для экспорта</translation>
    </message>
    <message>
        <source>the layer to import into</source>
        <translation>слой, в который импортировать</translation>
    </message>
    <message>
        <source>the local store (a GeoPackage)</source>
        <translation>локальное хранилище (GeoPackage)</translation>
    </message>
    <message>
        <source>the number {raw!r} is stored as text</source>
        <translation>число {raw!r} хранится как текст</translation>
    </message>
    <message>
        <source>the outline crosses itself ({reason}): fix it automatically, or keep editing</source>
        <translation>контур пересекает сам себя ({reason}): исправьте его автоматически или продолжайте редактирование</translation>
    </message>
    <message>
        <source>the polygon ring is not closed: its last point must repeat its first. Close the ring in the source file and import it again</source>
        <translation>кольцо полигона не замкнуто: последняя точка должна повторять первую. Замкните кольцо в исходном файле и импортируйте снова</translation>
    </message>
    <message>
        <source>the server closed the connection before it answered; try again later</source>
        <translation>сервер закрыл соединение, не ответив; повторите позже</translation>
    </message>
    <message>
        <source>the server database cannot be used: {reason}</source>
        <translation>базу данных сервера невозможно использовать: {reason}</translation>
    </message>
    <message>
        <source>the server did not answer in time (a slow or broken connection?); try again later</source>
        <translation>сервер не ответил вовремя (медленная или прерванная связь?); повторите позже</translation>
    </message>
    <message>
        <source>the server failed to answer (HTTP {status}); try again later</source>
        <translation>сервер не смог ответить (HTTP {status}); повторите позже</translation>
    </message>
    <message>
        <source>the server has no such page (HTTP {status})</source>
        <translation>на сервере нет такой страницы (HTTP {status})</translation>
    </message>
    <message>
        <source>the server is busy and asked to wait (HTTP {status})</source>
        <translation>сервер занят и просит подождать (HTTP {status})</translation>
    </message>
    <message>
        <source>the server refused access (HTTP {status})</source>
        <translation>сервер отказал в доступе (HTTP {status})</translation>
    </message>
    <message>
        <source>the server refused the connection: it is not running there, or the address or port is wrong</source>
        <translation>сервер отклонил соединение: он там не запущен, либо адрес или порт неверны</translation>
    </message>
    <message>
        <source>the server refused the request (HTTP {status})</source>
        <translation>сервер отклонил запрос (HTTP {status})</translation>
    </message>
    <message>
        <source>the server&apos;s layers and the schema revisions published</source>
        <translation>слои сервера и опубликованные ревизии схемы</translation>
    </message>
    <message>
        <source>the server, e.g. https://sync.baytak.kz</source>
        <translation>сервер, например https://sync.baytak.kz</translation>
    </message>
    <message>
        <source>the site&apos;s layer (found from the uuid when left out)</source>
        <translation>слой места (находится по uuid, если не указан)</translation>
    </message>
    <message>
        <source>the site&apos;s uuid</source>
        <translation>uuid места</translation>
    </message>
    <message>
        <source>the text encoding of a Shapefile, DBF, CSV, KML/KMZ, GPX or GeoJSON (UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252); by default told from the file</source>
        <translation>кодировка текста Shapefile, DBF, CSV, KML/KMZ, GPX или GeoJSON (UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252); по умолчанию определяется по файлу</translation>
    </message>
    <message>
        <source>the text had a NUL character (an invisible control code); it was removed and the rest kept</source>
        <translation>в тексте был символ NUL (невидимый управляющий код); он удалён, остальное сохранено</translation>
    </message>
    <message>
        <source>the time {raw!r} is not written as ISO 8601</source>
        <translation>время {raw!r} записано не в формате ISO 8601</translation>
    </message>
    <message>
        <source>the track&apos;s name in the file</source>
        <translation>название трека в файле</translation>
    </message>
    <message>
        <source>the uuid {uuid} is also on row {other}: a feature can be in the file once</source>
        <translation>uuid {uuid} есть и в строке {other}: объект может быть в файле только один раз</translation>
    </message>
    <message>
        <source>the value {value!r} of {field} of the feature {uuid} is not a {kind} and was left empty</source>
        <translation>значение {value!r} поля {field} объекта {uuid} не является {kind} и оставлено пустым</translation>
    </message>
    <message>
        <source>the yes/no value {raw!r} is not stored as 1 or 0</source>
        <translation>значение да/нет {raw!r} хранится не как 1 или 0</translation>
    </message>
    <message>
        <source>theirs {theirs} | mine {mine} ({author})</source>
        <translation>их {theirs} | моё {mine} ({author})</translation>
    </message>
    <message>
        <source>there is more after the end of the definition</source>
        <translation>после конца определения есть ещё текст</translation>
    </message>
    <message>
        <source>there is no network, or the server&apos;s name is mistyped</source>
        <translation>нет сети, или имя сервера написано с ошибкой</translation>
    </message>
    <message>
        <source>times the recorded pace (default 1), or max</source>
        <translation>во сколько раз быстрее записанного (по умолчанию 1), или max</translation>
    </message>
    <message>
        <source>title.en: the layer {other} has the title {title} already; give this layer another</source>
        <translation>title.en: у слоя {other} уже есть название {title}; дайте этому слою другое</translation>
    </message>
    <message>
        <source>told from the text; --encoding chooses another</source>
        <translation>определена по тексту; --encoding выбирает другую</translation>
    </message>
    <message>
        <source>trees: {planted} planted ({lost} of them lost), {planned} planned</source>
        <translation>деревья: посажено {planted} (из них погибло {lost}), запланировано {planned}</translation>
    </message>
    <message>
        <source>trying again in {seconds} s</source>
        <translation>новая попытка через {seconds} с</translation>
    </message>
    <message>
        <source>unrecognized arguments: {arguments}</source>
        <translation>нераспознанные аргументы: {arguments}</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>использование: </translation>
    </message>
    <message>
        <source>use --encoding NAME (one of UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252)</source>
        <translation>используйте --encoding NAME (одну из UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252)</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>наблюдатель</translation>
    </message>
    <message>
        <source>vocabulary_name {name} is given to different lists of codes</source>
        <translation>vocabulary_name {name} дано разным спискам кодов</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>предупреждение</translation>
    </message>
    <message>
        <source>warning: {message}</source>
        <translation>предупреждение: {message}</translation>
    </message>
    <message>
        <source>water bodies</source>
        <translation>водоёмы</translation>
    </message>
    <message>
        <source>web map</source>
        <translation>веб-карта</translation>
    </message>
    <message>
        <source>what changed data, newest first: pushes, resolutions, reviews, account commands, publications</source>
        <translation>что меняло данные, новое сначала: отправки, разрешения, проверки, команды учётных записей, публикации</translation>
    </message>
    <message>
        <source>when it was taken (orders before/after comparisons)</source>
        <translation>когда снят (упорядочивает сравнения до/после)</translation>
    </message>
    <message>
        <source>where to write it (default: beside the store, named after it)</source>
        <translation>куда записать (по умолчанию: рядом с хранилищем, по его имени)</translation>
    </message>
    <message>
        <source>who logged it (created_by)</source>
        <translation>кто отметил (created_by)</translation>
    </message>
    <message>
        <source>who prepared the dossier (printed on it)</source>
        <translation>кто подготовил досье (печатается в нём)</translation>
    </message>
    <message>
        <source>write the evidence dossier (PDF) of one site: map, attributes, photos with their SHA-256 checked, edit history</source>
        <translation>записать досье доказательств (PDF) одного места: карта, атрибуты, фото с проверенным SHA-256, история правок</translation>
    </message>
    <message>
        <source>you have no permission for it; ask whoever shared it for access</source>
        <translation>у вас нет на это прав; попросите доступ у того, кто им поделился</translation>
    </message>
    <message>
        <source>your user name on the server</source>
        <translation>ваше имя пользователя на сервере</translation>
    </message>
    <message>
        <source>{added} and {removed} list attachments as a push does.</source>
        <translation>{added} и {removed} перечисляют вложения так же, как при отправке.</translation>
    </message>
    <message>
        <source>{baud} baud</source>
        <translation>{baud} бод</translation>
    </message>
    <message>
        <source>{branch!r} is not a branch code; use one of: {codes}.</source>
        <translation>{branch!r} — не код филиала; используйте один из: {codes}.</translation>
    </message>
    <message>
        <source>{count} buffers of {km} around {layer} (--out FILE.geojson writes them)</source>
        <translation>буферов {km} вокруг {layer}: {count} (--out FILE.geojson записывает их)</translation>
    </message>
    <message>
        <source>{count} buffers of {km} around {layer} written to {out}</source>
        <translation>буферов {km} вокруг {layer}: {count}, записаны в {out}</translation>
    </message>
    <message>
        <source>{count} categories are too many for a legend (at most {most}).</source>
        <translation>{count} категорий — слишком много для легенды (не более {most}).</translation>
    </message>
    <message>
        <source>{count} demo feature(s) were not sent: demo data is illustrative and never goes to the server. Delete them from this store.</source>
        <translation>Не отправлено демо-объектов: {count}; демо-данные иллюстративны и никогда не уходят на сервер. Удалите их из этого хранилища.</translation>
    </message>
    <message>
        <source>{count} edit(s) not sent: the server would refuse their values; see why: baytak conflicts {store}</source>
        <translation>Не отправлено правок: {count}; сервер отклонил бы их значения; узнать почему: baytak conflicts {store}</translation>
    </message>
    <message>
        <source>{count} error(s)</source>
        <translation>Ошибок: {count}</translation>
    </message>
    <message>
        <source>{count} error(s), {fixable} repairable with --fix</source>
        <translation>Ошибок: {count}, из них исправимо с --fix: {fixable}</translation>
    </message>
    <message>
        <source>{count} features</source>
        <translation>объектов: {count}</translation>
    </message>
    <message>
        <source>{count} fields</source>
        <translation>полей: {count}</translation>
    </message>
    <message>
        <source>{count} open conflict(s): baytak conflicts {store}</source>
        <translation>Открытых конфликтов: {count}; baytak conflicts {store}</translation>
    </message>
    <message>
        <source>{crs} is not a coordinate system: write it as an EPSG code, like EPSG:32643.</source>
        <translation>{crs} — не система координат: укажите её кодом EPSG, например EPSG:32643.</translation>
    </message>
    <message>
        <source>{dpi} dpi is out of range: use {low} to {high}.</source>
        <translation>{dpi} dpi вне допустимого диапазона: используйте от {low} до {high}.</translation>
    </message>
    <message>
        <source>{encoding} is not a text encoding baytak knows. Use one of: {known}</source>
        <translation>{encoding} — неизвестная baytak кодировка текста. Используйте одну из: {known}</translation>
    </message>
    <message>
        <source>{file} already exists: choose another name, or replace it</source>
        <translation>{file} уже существует: выберите другое имя или замените его</translation>
    </message>
    <message>
        <source>{file} already has a layer {layer}: choose another file, or replace that layer</source>
        <translation>В {file} уже есть слой {layer}: выберите другой файл или замените этот слой</translation>
    </message>
    <message>
        <source>{file} cannot be opened: you have no permission to read it. Copy it into a folder of yours, or ask whoever shared it for read access ({library}: {detail})</source>
        <translation>{file} не открывается: у вас нет права его читать. Скопируйте его в свою папку или попросите того, кто поделился файлом, дать доступ на чтение ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} cannot be written: its folder does not let you write in it (no permission, or a read-only disk or share). Choose a folder of yours ({library}: {detail})</source>
        <translation>{file} не удаётся записать: в его папку нельзя писать (нет прав, либо диск или общая папка только для чтения). Выберите свою папку ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} cannot be written: the disk is full. Free some space, or choose another disk ({library}: {detail})</source>
        <translation>{file} не удаётся записать: диск заполнен. Освободите место или выберите другой диск ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} contains no shapefile (.shp) or MapInfo table (.tab)</source>
        <translation>В {file} нет ни шейп-файла (.shp), ни таблицы MapInfo (.tab)</translation>
    </message>
    <message>
        <source>{file} contains no shapefile (.shp) or MapInfo table (.tab), but {found}: unzip it and import that file</source>
        <translation>В {file} нет ни шейп-файла (.shp), ни таблицы MapInfo (.tab), но есть {found}: распакуйте архив и импортируйте этот файл</translation>
    </message>
    <message>
        <source>{file} contains several tables: {known}. Choose one, or import them one at a time</source>
        <translation>{file} содержит несколько таблиц: {known}. Выберите одну или импортируйте их по одной</translation>
    </message>
    <message>
        <source>{file} has no column for the required field(s) {fields} of {layer}, and each of its columns already goes to another field. Match a column to each instead, or give a value for all rows.</source>
        <translation>В {file} нет столбца для обязательных полей {fields} слоя {layer}, а каждый его столбец уже отдан другому полю. Сопоставьте каждому из них столбец или задайте значение для всех строк.</translation>
    </message>
    <message>
        <source>{file} has no shapefile or MapInfo table named {layer!r}. It holds: {known}</source>
        <translation>В {file} нет шейп-файла или таблицы MapInfo с именем {layer!r}. В нём есть: {known}</translation>
    </message>
    <message>
        <source>{file} is not a table: its first line is text, not column names (it begins {start!r}). Save the table as CSV with a header row of names, or choose the file of the table.</source>
        <translation>{file} — не таблица: его первая строка — текст, а не имена столбцов (начинается с {start!r}). Сохраните таблицу как CSV со строкой заголовков или выберите файл таблицы.</translation>
    </message>
    <message>
        <source>{file}: the time stamps of {count} GPS track(s) were not kept: this GDAL reads KML without its LIBKML driver, which alone has columns for them (the tracks are imported as lines)</source>
        <translation>{file}: отметки времени GPS-треков ({count}) не сохранены: этот GDAL читает KML без драйвера LIBKML, а столбцы для них есть только у него (треки импортированы как линии)</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} и {second}</translation>
    </message>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} или {second}</translation>
    </message>
    <message>
        <source>{first}, {second} and {third}</source>
        <translation>{first}, {second} и {third}</translation>
    </message>
    <message>
        <source>{first}; {second}</source>
        <translation>{first}; {second}</translation>
    </message>
    <message>
        <source>{host}:{port} closed the connection</source>
        <translation>{host}:{port} закрыл соединение</translation>
    </message>
    <message>
        <source>{method} is not allowed here; use {allowed}.</source>
        <translation>{method} здесь не допускается; используйте {allowed}.</translation>
    </message>
    <message>
        <source>{name!r} is not a SHA-256 (64 lowercase hex digits).</source>
        <translation>{name!r} — не SHA-256 (64 строчные шестнадцатеричные цифры).</translation>
    </message>
    <message>
        <source>{name} cannot be the name of who publishes: a name of at most {limit} visible characters</source>
        <translation>{name} не может быть именем публикующего: имя — не более {limit} видимых символов</translation>
    </message>
    <message>
        <source>{name} is empty: it is computed from the geometry ({value})</source>
        <translation>{name} пусто: оно вычисляется по геометрии ({value})</translation>
    </message>
    <message>
        <source>{name} {stored} is stale: the geometry gives {value}</source>
        <translation>{name} {stored} устарело: по геометрии выходит {value}</translation>
    </message>
    <message>
        <source>{others} or {last}</source>
        <translation>{others} или {last}</translation>
    </message>
    <message>
        <source>{path} cannot be read: check that it is a file and that you may read it ({library}: {detail})</source>
        <translation>{path} не читается: проверьте, что это файл и что у вас есть право его читать ({library}: {detail})</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it contains no tiles.</source>
        <translation>{path} нельзя использовать как базовую карту: в нём нет ни одного тайла.</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is a folder, not an MBTiles file.</source>
        <translation>{path} нельзя использовать как базовую карту: это папка, а не файл MBTiles.</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is an SQLite database without a &apos;tiles&apos; table.</source>
        <translation>{path} нельзя использовать как базовую карту: это база данных SQLite без таблицы &apos;tiles&apos;.</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is damaged or cut short; download or copy it again (SQLite: {detail}).</source>
        <translation>{path} нельзя использовать как базовую карту: он повреждён или обрезан; скачайте или скопируйте его заново (SQLite: {detail}).</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: it is not an MBTiles file (not an SQLite database).</source>
        <translation>{path} нельзя использовать как базовую карту: это не файл MBTiles (не база данных SQLite).</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: the file does not exist.</source>
        <translation>{path} нельзя использовать как базовую карту: такого файла нет.</translation>
    </message>
    <message>
        <source>{path} cannot be used as a basemap: the file is empty (0 bytes); download or copy it again.</source>
        <translation>{path} нельзя использовать как базовую карту: файл пуст (0 байт); скачайте или скопируйте его заново.</translation>
    </message>
    <message>
        <source>{path} is not a whole GPX file: it is damaged or cut short (a recording that stopped, a copy that did not finish?), or it is not GPX at all ({library}: {detail})</source>
        <translation>{path} — не целый файл GPX: он повреждён или обрезан (запись прервалась, копирование не завершилось?), либо это вовсе не GPX ({library}: {detail})</translation>
    </message>
    <message>
        <source>{path} is not an image that can be read: use GeoTIFF, Cloud-Optimised GeoTIFF or JPEG 2000 (GDAL: {detail})</source>
        <translation>{path} не является читаемым изображением: используйте GeoTIFF, Cloud-Optimised GeoTIFF или JPEG 2000 (GDAL: {detail})</translation>
    </message>
    <message>
        <source>{where}.{bound}: {value} is not a finite number</source>
        <translation>{where}.{bound}: {value} — не конечное число</translation>
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
        <translation>{file} не удаётся прочитать как {kind}: {reason}</translation>
    </message>
    <message>
        <source>A map tile could not be fetched: {reason}. Its address: {url}</source>
        <translation>Не удалось загрузить тайл карты: {reason}. Его адрес: {url}</translation>
    </message>
    <message>
        <source>Added {user} ({where}).</source>
        <translation>Добавлен {user} ({where}).</translation>
    </message>
    <message>
        <source>No connection to {server} ({reason}): your {count} edits are safe on this computer and will be sent next time.</source>
        <translation>Нет связи с {server} ({reason}): ваши правки ({count}) сохранены на этом компьютере и будут отправлены в следующий раз.</translation>
    </message>
    <message>
        <source>The exhibit description holds a value this version of Baytak does not take (was it written by another version?), so nothing was made: make the exhibit again ({library}: {detail})</source>
        <translation>В описании материала есть значение, которое эта версия Baytak не принимает (его записала другая версия?), поэтому ничего не сделано: сделайте материал заново ({library}: {detail})</translation>
    </message>
    <message>
        <source>The exhibit description is damaged or cut short, so nothing was made: make the exhibit again ({library}: {detail})</source>
        <translation>Описание материала повреждено или обрезано, поэтому ничего не сделано: сделайте материал заново ({library}: {detail})</translation>
    </message>
    <message>
        <source>language of branch labels (default: the language baytak speaks, en with --json)</source>
        <translation>язык названий филиалов (по умолчанию: язык, на котором говорит baytak, en при --json)</translation>
    </message>
    <message>
        <source>language of every label (default: the language baytak speaks, en with --json)</source>
        <translation>язык всех надписей (по умолчанию: язык, на котором говорит baytak, en при --json)</translation>
    </message>
    <message>
        <source>the dossier&apos;s language (default: the language baytak speaks, en with --json)</source>
        <translation>язык досье (по умолчанию: язык, на котором говорит baytak, en при --json)</translation>
    </message>
    <message>
        <source>the language of the demo data&apos;s names and notes (default: the language baytak speaks, en with --json)</source>
        <translation>язык названий и заметок демоданных (по умолчанию: язык, на котором говорит baytak, en при --json)</translation>
    </message>
    <message>
        <source>the language of the layers&apos; titles (default: the language baytak speaks, en with --json)</source>
        <translation>язык названий слоёв (по умолчанию: язык, на котором говорит baytak, en при --json)</translation>
    </message>
    <message>
        <source>{count} edit(s) refused by the server; see why: baytak conflicts {store}</source>
        <translation>Правок отклонено сервером: {count}; узнать почему: baytak conflicts {store}</translation>
    </message>
    <message>
        <source>{count} edit(s) still waiting (made during this sync, or refused: see baytak conflicts {store}).</source>
        <translation>Правок ещё ожидает: {count} (сделаны во время этой синхронизации или отклонены: см. baytak conflicts {store}).</translation>
    </message>
    <message>
        <source>{file} cannot be written: the folder {folder} does not exist</source>
        <translation>{file} не удаётся записать: папки {folder} не существует</translation>
    </message>
    <message>
        <source>{file} cannot be written: {reason}</source>
        <translation>{file} не удаётся записать: {reason}</translation>
    </message>
    <message>
        <source>{file} contains a member with an unsafe name ({member}) that points outside the archive; it was not opened</source>
        <translation>{file} содержит файл с небезопасным именем ({member}), указывающим за пределы архива; он не открыт</translation>
    </message>
    <message>
        <source>{file} does not say it is GPX 1.0 or 1.1; it was read as GPX 1.1</source>
        <translation>{file} не указывает, что это GPX 1.0 или 1.1; он прочитан как GPX 1.1</translation>
    </message>
    <message>
        <source>{file} has a {found} column ({column}) but no {missing} column. Columns: {known}</source>
        <translation>В {file} есть столбец {found} ({column}), но нет столбца {missing}. Столбцы: {known}</translation>
    </message>
    <message>
        <source>{file} has no column for the required field(s) {fields} of {layer}. Match one of its columns to each, or give a value for all rows. Its columns: {columns}</source>
        <translation>В {file} нет столбца для обязательных полей {fields} слоя {layer}. Сопоставьте каждому один из его столбцов или задайте значение для всех строк. Его столбцы: {columns}</translation>
    </message>
    <message>
        <source>{file} has no column {column!r}. Columns: {known}</source>
        <translation>В {file} нет столбца {column!r}. Столбцы: {known}</translation>
    </message>
    <message>
        <source>{file} has no coordinate system and its coordinates are not longitude/latitude. Re-export it with its coordinate system</source>
        <translation>У {file} нет системы координат, и его координаты — не долгота/широта. Экспортируйте его заново вместе с системой координат</translation>
    </message>
    <message>
        <source>{file} has no features to import.</source>
        <translation>В {file} нет объектов для импорта.</translation>
    </message>
    <message>
        <source>{file} has no header line with column names</source>
        <translation>В {file} нет строки заголовка с именами столбцов</translation>
    </message>
    <message>
        <source>{file} has no latitude and longitude columns. Name them lat and lon (or latitude/longitude, широта/долгота, ендік/бойлық), or one column координаты/coordinates, or choose them. Columns: {known}</source>
        <translation>В {file} нет столбцов широты и долготы. Назовите их lat и lon (или latitude/longitude, широта/долгота, ендік/бойлық), или один столбец координаты/coordinates, либо выберите их. Столбцы: {known}</translation>
    </message>
    <message>
        <source>{file} has no layer named {layer!r}. Layers: {known}</source>
        <translation>В {file} нет слоя с именем {layer!r}. Слои: {known}</translation>
    </message>
    <message>
        <source>{file} has no layers</source>
        <translation>В {file} нет слоёв</translation>
    </message>
    <message>
        <source>{file} has no rows in sheet {layer!r}</source>
        <translation>В {file} на листе {layer!r} нет строк</translation>
    </message>
    <message>
        <source>{file} has no sheet named {layer!r}. Sheets: {known}</source>
        <translation>В {file} нет листа с именем {layer!r}. Листы: {known}</translation>
    </message>
    <message>
        <source>{file} has no {kind} features for layer {layer}: all {count} are of another geometry type.</source>
        <translation>В {file} нет объектов типа {kind} для слоя {layer}: все {count} — другого типа геометрии.</translation>
    </message>
    <message>
        <source>{file} has several layers: {known}. Choose one</source>
        <translation>В {file} несколько слоёв: {known}. Выберите один</translation>
    </message>
    <message>
        <source>{file} is a Baytak store: an export never writes into a store (it would replace its data). Choose another file</source>
        <translation>{file} — хранилище Baytak: экспорт никогда не пишет в хранилище (это заменило бы его данные). Выберите другой файл</translation>
    </message>
    <message>
        <source>{file} is a folder: choose a file inside it</source>
        <translation>{file} — это папка: выберите файл внутри неё</translation>
    </message>
    <message>
        <source>{file} is damaged or cut short (a download or a copy that did not finish?): copy or download it again ({library}: {detail})</source>
        <translation>{file} повреждён или обрезан (загрузка или копирование не завершились?): скопируйте или скачайте его заново ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} is damaged: its {part} file has no valid header ({size} bytes). Copy or download it again</source>
        <translation>{file} повреждён: у его файла {part} нет правильного заголовка ({size} байт). Скопируйте или скачайте его заново</translation>
    </message>
    <message>
        <source>{file} is empty (0 bytes)</source>
        <translation>{file} пуст (0 байт)</translation>
    </message>
    <message>
        <source>{file} is incomplete: its {part} file is cut short ({size} of {expected} bytes). Copy or download it again</source>
        <translation>{file} неполный: его файл {part} обрезан ({size} из {expected} байт). Скопируйте или скачайте его заново</translation>
    </message>
    <message>
        <source>{file} is not a format baytak can import. Supported: {known}</source>
        <translation>{file} — не тот формат, который baytak может импортировать. Поддерживаются: {known}</translation>
    </message>
    <message>
        <source>{file} is not a valid zip archive: {reason}</source>
        <translation>{file} — не корректный zip-архив: {reason}</translation>
    </message>
    <message>
        <source>{file} is not a valid {kind} file: its content is not recognised. Check that it is not damaged or renamed from another format</source>
        <translation>{file} — не корректный файл {kind}: его содержимое не распознано. Проверьте, что он не повреждён и не переименован из другого формата</translation>
    </message>
    <message>
        <source>{file} is not in a format that can be read: check that it is not damaged or renamed from another format ({library}: {detail})</source>
        <translation>{file} не в читаемом формате: проверьте, что он не повреждён и не переименован из другого формата ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} is not {encoding} text (byte {position} cannot be read): choose another encoding</source>
        <translation>{file} — не текст в {encoding} (байт {position} не читается): выберите другую кодировку</translation>
    </message>
    <message>
        <source>{file} is the store that is open now. To copy its data, export a layer to another file, or open a copy of the store.</source>
        <translation>{file} — это хранилище, открытое сейчас. Чтобы скопировать его данные, экспортируйте слой в другой файл или откройте копию хранилища.</translation>
    </message>
    <message>
        <source>{file} is {kind}, whose text is always UTF-8: no encoding needs choosing</source>
        <translation>{file} — {kind}, его текст всегда в UTF-8: выбирать кодировку не нужно</translation>
    </message>
    <message>
        <source>{file} is {size:.1f} GB: files over 2 GB cannot be imported. Split it into smaller files</source>
        <translation>{file} занимает {size:.1f} ГБ: файлы больше 2 ГБ импортировать нельзя. Разделите его на файлы поменьше</translation>
    </message>
    <message>
        <source>{file} line {line} has {count} values but the header has {columns} columns. Quote values that contain the separator {delimiter!r} (e.g. decimal commas) or use another separator</source>
        <translation>В {file} в строке {line} значений: {count}, а в заголовке столбцов: {columns}. Заключите в кавычки значения с разделителем {delimiter!r} (например, десятичные запятые) или используйте другой разделитель</translation>
    </message>
    <message>
        <source>{file} was not found in {folder}</source>
        <translation>{file} не найден в {folder}</translation>
    </message>
    <message>
        <source>{file} was not found: check that it is still where it was, and that the disk or network folder it is on is connected ({library}: {detail})</source>
        <translation>{file} не найден: проверьте, что он на прежнем месте и что диск или сетевая папка, где он лежит, подключены ({library}: {detail})</translation>
    </message>
    <message>
        <source>{file} would unpack to {size:.1f} GB, over the 2 GB limit; it was not opened</source>
        <translation>{file} распаковался бы в {size:.1f} ГБ, больше предела 2 ГБ; он не открыт</translation>
    </message>
    <message>
        <source>{file}: a column holds values of different kinds (numbers and text); they are read as text</source>
        <translation>{file}: в столбце значения разных видов (числа и текст); они прочитаны как текст</translation>
    </message>
    <message>
        <source>{file}: baytak cannot write {suffix!r} files. Supported: {known}</source>
        <translation>{file}: baytak не умеет записывать файлы {suffix!r}. Поддерживаются: {known}</translation>
    </message>
    <message>
        <source>{file}: its coordinate system gives no shift from its datum ({datum}) to WGS 84, so positions may be off by up to a few hundred metres. Re-export it with a coordinate system that has an EPSG code</source>
        <translation>{file}: в его системе координат нет сдвига от датума ({datum}) к WGS 84, поэтому положения могут быть смещены на сотни метров. Экспортируйте его заново с системой координат, у которой есть код EPSG</translation>
    </message>
    <message>
        <source>{file}: its coordinate system names Krasovsky&apos;s ellipsoid without a datum; it was read as Pulkovo 1942 (SK-42), the datum of Soviet and Kazakh maps</source>
        <translation>{file}: его система координат называет эллипсоид Красовского без датума; он прочитан как Пулково 1942 (СК-42), датум советских и казахстанских карт</translation>
    </message>
    <message>
        <source>{file}: measures (M values) of the geometries were dropped</source>
        <translation>{file}: меры (значения M) геометрий отброшены</translation>
    </message>
    <message>
        <source>{file}: measures (M values) of {count} features were dropped</source>
        <translation>{file}: меры (значения M) {count} объектов отброшены</translation>
    </message>
    <message>
        <source>{file}: none of its {rows} rows is valid; nothing was imported.</source>
        <translation>{file}: ни одна из его {rows} строк не верна; ничего не импортировано.</translation>
    </message>
    <message>
        <source>{file}: some characters could not be converted; check the encoding of the text</source>
        <translation>{file}: некоторые символы не удалось преобразовать; проверьте кодировку текста</translation>
    </message>
    <message>
        <source>{file}: some geometries do not follow the format&apos;s rules</source>
        <translation>{file}: некоторые геометрии не соответствуют правилам формата</translation>
    </message>
    <message>
        <source>{file}: the heights (Z values) of {count} features were dropped: the layers store positions only</source>
        <translation>{file}: высоты (значения Z) {count} объектов отброшены: слои хранят только положение</translation>
    </message>
    <message>
        <source>{file}: {bad} of {rows} rows are invalid, nothing was imported</source>
        <translation>{file}: {bad} из {rows} строк неверны, ничего не импортировано</translation>
    </message>
    <message>
        <source>{file}: {count} values are longer than a Shapefile can hold ({limit} bytes, about 127 Cyrillic letters): {where}. Export to GeoPackage, GeoJSON or CSV instead, or shorten them</source>
        <translation>{file}: {count} значений длиннее, чем вмещает Shapefile ({limit} байт, около 127 кириллических букв): {where}. Экспортируйте вместо этого в GeoPackage, GeoJSON или CSV или сократите их</translation>
    </message>
    <message>
        <source>{file}: {detail}</source>
        <translation>{file}: {detail}</translation>
    </message>
    <message>
        <source>{kind} is not a geometry</source>
        <translation>{kind} — не геометрия</translation>
    </message>
    <message>
        <source>{layer} holds lines, not points: record a track along it and save the track into the layer.</source>
        <translation>В слое {layer} линии, а не точки: запишите трек вдоль объекта и сохраните трек в этот слой.</translation>
    </message>
    <message>
        <source>{layer} holds outlines, not points: walk the outline and add a corner at your position instead.</source>
        <translation>Слой {layer} хранит контуры, а не точки: вместо этого обойдите контур и добавляйте углы там, где стоите.</translation>
    </message>
    <message>
        <source>{layer} holds points: use Add point at my position, or save the track into an outline layer.</source>
        <translation>Слой {layer} хранит точки: используйте «Добавить точку в моём местоположении» или сохраните трек в слой контуров.</translation>
    </message>
    <message>
        <source>{name} has no GPS position in its EXIF data: place the site on the map or type its coordinates.</source>
        <translation>В EXIF-данных {name} нет GPS-координат: поставьте объект на карту или введите его координаты.</translation>
    </message>
    <message>
        <source>{name} is empty (0 bytes).</source>
        <translation>{name} пуст (0 байт).</translation>
    </message>
    <message>
        <source>{name} is not a photo: choose a JPEG, PNG, TIFF or WebP image.</source>
        <translation>{name} — не фотография: выберите изображение JPEG, PNG, TIFF или WebP.</translation>
    </message>
    <message>
        <source>{name} is {size_mb:.0f} MB; attachments may be at most {limit_mb} MB.</source>
        <translation>{name} занимает {size_mb:.0f} МБ; вложения могут быть не больше {limit_mb} МБ.</translation>
    </message>
    <message>
        <source>{name} was not found.</source>
        <translation>{name} не найден.</translation>
    </message>
    <message>
        <source>{option} takes {shape}, not {text!r}.</source>
        <translation>{option} принимает {shape}, а не {text!r}.</translation>
    </message>
    <message>
        <source>{out}: a dossier is a PDF; name the file .pdf.</source>
        <translation>{out}: досье — это PDF; назовите файл .pdf.</translation>
    </message>
    <message>
        <source>{out}: the exhibit&apos;s format comes from its extension; use .html (web map), .pdf, .png or .svg (print layout).</source>
        <translation>{out}: формат материала определяется расширением; используйте .html (веб-карта), .pdf, .png или .svg (макет печати).</translation>
    </message>
    <message>
        <source>{out}: the output must end in .pdf, .png or .svg.</source>
        <translation>{out}: выходной файл должен оканчиваться на .pdf, .png или .svg.</translation>
    </message>
    <message>
        <source>{out}: {reason}</source>
        <translation>{out}: {reason}</translation>
    </message>
    <message>
        <source>{path} already exists: choose another file for the track.</source>
        <translation>{path} уже существует: выберите для трека другой файл.</translation>
    </message>
    <message>
        <source>{path} already exists; open it, or choose another name.</source>
        <translation>{path} уже существует; откройте его или выберите другое имя.</translation>
    </message>
    <message>
        <source>{path} cannot be read as an OpenStreetMap extract ({reason}).</source>
        <translation>{path} не читается как выгрузка OpenStreetMap ({reason}).</translation>
    </message>
    <message>
        <source>{path} cannot be read: {reason}</source>
        <translation>{path} не читается: {reason}</translation>
    </message>
    <message>
        <source>{path} cannot be written: {reason}. Copy it somewhere you may write, or ask for write access.</source>
        <translation>{path} не удаётся записать: {reason}. Скопируйте его туда, где у вас есть право записи, или попросите доступ на запись.</translation>
    </message>
    <message>
        <source>{path} does not exist or is not a file.</source>
        <translation>{path} не существует или не является файлом.</translation>
    </message>
    <message>
        <source>{path} exists and is not a basemap built by baytak; choose another name with --out.</source>
        <translation>{path} уже существует и это не подложка, созданная baytak; выберите другое имя в --out.</translation>
    </message>
    <message>
        <source>{path} has its own coordinate system ({crs}); a coordinate system is given only for an image placed by a world file.</source>
        <translation>У {path} есть своя система координат ({crs}); систему координат указывают только для снимка, привязанного world-файлом.</translation>
    </message>
    <message>
        <source>{path} has no coordinate system or georeference, so it cannot be placed on the map; georeference it first (for example in QGIS) and save it as a GeoTIFF.</source>
        <translation>У {path} нет системы координат и привязки, поэтому его нельзя поместить на карту; сначала привяжите его (например, в QGIS) и сохраните как GeoTIFF.</translation>
    </message>
    <message>
        <source>{path} is a GeoPackage but not a Baytak store; it was left as it is. Create a store, then import this file&apos;s layers into it</source>
        <translation>{path} — GeoPackage, но не хранилище Baytak; он оставлен как есть. Создайте хранилище, затем импортируйте в него слои этого файла</translation>
    </message>
    <message>
        <source>{path} is busy: another program is writing to it. Close it there and try again.</source>
        <translation>{path} занят: в него пишет другая программа. Закройте его там и попробуйте снова.</translation>
    </message>
    <message>
        <source>{path} is not a GPX track this program wrote; it cannot be repaired.</source>
        <translation>{path} — не GPX-трек, записанный этой программой; восстановить его нельзя.</translation>
    </message>
    <message>
        <source>{path} is not a GPX track this program wrote; record into a new file.</source>
        <translation>{path} — не GPX-трек, записанный этой программой; записывайте в новый файл.</translation>
    </message>
    <message>
        <source>{path} is not a GeoPackage: {reason}</source>
        <translation>{path} — не GeoPackage: {reason}</translation>
    </message>
    <message>
        <source>{path} is not an OpenStreetMap extract: choose a .osm.pbf file (for example a country or region extract downloaded for offline use).</source>
        <translation>{path} не является выгрузкой OpenStreetMap: выберите файл .osm.pbf (например, выгрузку страны или региона, скачанную для работы без сети).</translation>
    </message>
    <message>
        <source>{path} is placed by a world file, which names no coordinate system: give the one its coordinates are in (an EPSG code, e.g. EPSG:32643 for UTM zone 43N).</source>
        <translation>{path} привязан world-файлом, в котором нет системы координат: укажите систему, в которой заданы его координаты (код EPSG, например EPSG:32643 для зоны UTM 43N).</translation>
    </message>
    <message>
        <source>{path} was not found.</source>
        <translation>{path} не найден.</translation>
    </message>
    <message>
        <source>{path}: track point {number} cannot be read: its lat and lon must be numbers in degrees and its time an ISO 8601 time ({library}: {detail})</source>
        <translation>{path}: точка трека {number} не читается: её lat и lon должны быть числами в градусах, а время — временем ISO 8601 ({library}: {detail})</translation>
    </message>
    <message>
        <source>{place} has the wrong type</source>
        <translation>{place}: неверный тип</translation>
    </message>
    <message>
        <source>{place} is missing</source>
        <translation>{place}: отсутствует</translation>
    </message>
    <message>
        <source>{place} is not expected here</source>
        <translation>{place}: здесь не ожидается</translation>
    </message>
    <message>
        <source>{place} is not one of the allowed values</source>
        <translation>{place}: не из допустимых значений</translation>
    </message>
    <message>
        <source>{place} is not valid</source>
        <translation>{place}: недопустимо</translation>
    </message>
    <message>
        <source>{place} is out of range</source>
        <translation>{place}: вне допустимого диапазона</translation>
    </message>
    <message>
        <source>{place} is too long</source>
        <translation>{place}: слишком длинно</translation>
    </message>
    <message>
        <source>{place} is too short or empty</source>
        <translation>{place}: слишком коротко или пусто</translation>
    </message>
    <message>
        <source>{program} (process {pid})</source>
        <translation>{program} (процесс {pid})</translation>
    </message>
    <message>
        <source>{program} has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or cancel the edits there (or close the file in it), then try again.</source>
        <translation>{program} удерживает {path} уже {seconds:.0f} с, поэтому здесь ничего не изменено. Сохраните или отмените правки там (или закройте в ней файл) и попробуйте снова.</translation>
    </message>
    <message>
        <source>{program} is writing to {path}, so it could not be read; nothing was changed. Let it finish (or close the file there), then try again.</source>
        <translation>{program} записывает в {path}, поэтому его не удалось прочитать; ничего не изменено. Дождитесь окончания (или закройте файл там) и повторите.</translation>
    </message>
    <message>
        <source>{program}: error: {message}</source>
        <translation>{program}: ошибка: {message}</translation>
    </message>
    <message>
        <source>{raw!r} is a label, not a code: the code is {value!r}</source>
        <translation>{raw!r} — подпись, а не код: код {value!r}</translation>
    </message>
    <message>
        <source>{reason} ({library}: {detail})</source>
        <translation>{reason} ({library}: {detail})</translation>
    </message>
    <message>
        <source>{role}, all branches</source>
        <translation>{role}, все филиалы</translation>
    </message>
    <message>
        <source>{role}, branch {branch}</source>
        <translation>{role}, филиал {branch}</translation>
    </message>
    <message>
        <source>{server} is not a server address: write it whole, like https://sync.baytak.kz or http://192.168.1.10:8765</source>
        <translation>{server} — не адрес сервера: напишите его полностью, например https://sync.baytak.kz или http://192.168.1.10:8765</translation>
    </message>
    <message>
        <source>{store} is not signed in to a server: sign in with baytak login {store} --server URL --user NAME</source>
        <translation>{store} не выполнил вход на сервер: войдите командой baytak login {store} --server URL --user NAME</translation>
    </message>
    <message>
        <source>{store} is synced with {known}; it cannot sync with {server} too. Use a new store for another server.</source>
        <translation>{store} синхронизируется с {known}; синхронизировать его ещё и с {server} нельзя. Для другого сервера используйте новое хранилище.</translation>
    </message>
    <message>
        <source>{store} is the demo store: its sites are illustrative and never go to a server. Create the store of your branch (baytak init FILE.gpkg) and sign that one in.</source>
        <translation>{store} — демонстрационное хранилище: его объекты условны и никогда не отправляются на сервер. Создайте хранилище своего филиала (baytak init FILE.gpkg) и подключите к серверу его.</translation>
    </message>
    <message>
        <source>{store}: the store cannot be read ({reason}); is it a GeoPackage made by baytak?</source>
        <translation>{store}: хранилище невозможно прочитать ({reason}); это GeoPackage, созданный baytak?</translation>
    </message>
    <message>
        <source>{text!r} is not W,S,E,N in degrees, e.g. 76.5,43.0,78.0,44.0</source>
        <translation>{text!r} — не W,S,E,N в градусах, например 76.5,43.0,78.0,44.0</translation>
    </message>
    <message>
        <source>{text!r}: west &lt; east within ±180 and south &lt; north within ±90 are needed</source>
        <translation>{text!r}: нужно запад &lt; восток в пределах ±180 и юг &lt; север в пределах ±90</translation>
    </message>
    <message>
        <source>{text} is not a GPS source: write gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or file:///PATH.</source>
        <translation>{text} — не источник GPS: напишите gpsd, serial:///dev/ttyUSB0, tcp://ХОСТ:ПОРТ, udp://:ПОРТ или file:///ПУТЬ.</translation>
    </message>
    <message>
        <source>{text} is not a date: write it as YYYY-MM-DD, e.g. 2026-07-15.</source>
        <translation>{text} не дата: запишите её как ГГГГ-ММ-ДД, например 2026-07-15.</translation>
    </message>
    <message>
        <source>{text}: a TCP source needs a host and a port, e.g. tcp://192.168.1.20:11123.</source>
        <translation>{text}: для источника TCP нужны хост и порт, например tcp://192.168.1.20:11123.</translation>
    </message>
    <message>
        <source>{text}: name the serial port, e.g. serial:///dev/ttyUSB0 or serial://COM3.</source>
        <translation>{text}: укажите последовательный порт, например serial:///dev/ttyUSB0 или serial://COM3.</translation>
    </message>
    <message>
        <source>{text}: the port must be a number from 1 to 65535.</source>
        <translation>{text}: порт должен быть числом от 1 до 65535.</translation>
    </message>
    <message>
        <source>{text}: the speed must be auto or one of {bauds}.</source>
        <translation>{text}: скорость должна быть auto или одной из: {bauds}.</translation>
    </message>
    <message>
        <source>{updated} rows updated the features with their uuid, {unchanged} were already as in the file</source>
        <translation>строк, обновивших объекты по uuid: {updated}; уже совпадавших с файлом: {unchanged}</translation>
    </message>
    <message>
        <source>{user} is disabled.</source>
        <translation>Учётная запись {user} отключена.</translation>
    </message>
    <message>
        <source>{user} is enabled.</source>
        <translation>Учётная запись {user} включена.</translation>
    </message>
    <message>
        <source>{uuid!r} is not a lowercase UUID</source>
        <translation>{uuid!r} — не UUID в нижнем регистре</translation>
    </message>
    <message>
        <source>{uuid} in {layer} is demo data: its position and figures are illustrative, so the server does not keep it.</source>
        <translation>{uuid} в слое {layer} — демо-данные: его положение и цифры условны, поэтому сервер его не хранит.</translation>
    </message>
    <message>
        <source>{value!r} has a two-digit year that could be in either century: write the year in full (DD.MM.YYYY)</source>
        <translation>В {value!r} год из двух цифр, который может относиться к любому веку: пишите год полностью (ДД.ММ.ГГГГ)</translation>
    </message>
    <message>
        <source>{value!r} is not a date and time (use ISO 8601)</source>
        <translation>{value!r} — не дата и время (используйте ISO 8601)</translation>
    </message>
    <message>
        <source>{value!r} is not a finite number</source>
        <translation>{value!r} — не конечное число</translation>
    </message>
    <message>
        <source>{value!r} is not a number</source>
        <translation>{value!r} — не число</translation>
    </message>
    <message>
        <source>{value!r} is not a real date (use YYYY-MM-DD or DD.MM.YYYY)</source>
        <translation>{value!r} — не настоящая дата (используйте YYYY-MM-DD или DD.MM.YYYY)</translation>
    </message>
    <message>
        <source>{value!r} is not a uuid; the feature gets a new one</source>
        <translation>{value!r} — не uuid; объект получит новый</translation>
    </message>
    <message>
        <source>{value!r} is not a whole number</source>
        <translation>{value!r} — не целое число</translation>
    </message>
    <message>
        <source>{value!r} is not one of: {codes}</source>
        <translation>{value!r} не входит в: {codes}</translation>
    </message>
    <message>
        <source>{value!r} is not yes or no (use true/false, 1/0, иә/жоқ, да/нет)</source>
        <translation>{value!r} — не «да» и не «нет» (пишите true/false, 1/0, иә/жоқ, да/нет)</translation>
    </message>
    <message>
        <source>{value!r} may mean {codes}: write one of them</source>
        <translation>{value!r} может означать {codes}: напишите одно из них</translation>
    </message>
    <message>
        <source>{value} is above the maximum {maximum:g}</source>
        <translation>{value} больше максимума {maximum:g}</translation>
    </message>
    <message>
        <source>{value} is before {earliest}</source>
        <translation>{value} раньше {earliest}</translation>
    </message>
    <message>
        <source>{value} is below the minimum {minimum:g}</source>
        <translation>{value} меньше минимума {minimum:g}</translation>
    </message>
    <message>
        <source>{value} is in the future; an observation cannot be</source>
        <translation>{value} в будущем; наблюдение не может быть в будущем</translation>
    </message>
    <message>
        <source>{value} is not a date and time written YYYY-MM-DDTHH:MM:SS.sssZ (only this spelling is accepted)</source>
        <translation>{value} — не дата и время в виде YYYY-MM-DDTHH:MM:SS.sssZ (принимается только такая запись)</translation>
    </message>
    <message>
        <source>{value} is not a date written YYYY-MM-DD (only this spelling is accepted)</source>
        <translation>{value} — не дата в виде YYYY-MM-DD (год-месяц-день; принимается только такая запись)</translation>
    </message>
    <message>
        <source>{value} is not a finite number</source>
        <translation>{value} — не конечное число</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} — не число</translation>
    </message>
    <message>
        <source>{value} is not a value</source>
        <translation>{value} — не значение</translation>
    </message>
    <message>
        <source>{value} is not a value: send text, a number or a date</source>
        <translation>{value} — не значение: передайте текст, число или дату</translation>
    </message>
    <message>
        <source>{value} is not text; send it as text</source>
        <translation>{value} — не текст; передайте значение как текст</translation>
    </message>
    <message>
        <source>{value} is outside {low}..{high}</source>
        <translation>{value} вне диапазона {low}..{high}</translation>
    </message>
    <message>
        <source>{value} is too large for a number</source>
        <translation>{value} — слишком большое число</translation>
    </message>
    <message>
        <source>{value} is too large for a whole number</source>
        <translation>{value} — слишком большое для целого числа</translation>
    </message>
    <message>
        <source>{where}.name: every layer has a field {name} already; choose another name</source>
        <translation>{where}.name: поле {name} уже есть в каждом слое; выберите другое имя</translation>
    </message>
    <message>
        <source>{where}.vocabulary: at least one code must not be deprecated</source>
        <translation>{where}.vocabulary: хотя бы один код должен быть не устаревшим</translation>
    </message>
    <message>
        <source>{where}.vocabulary: the code {code} is listed {count} times</source>
        <translation>{where}.vocabulary: код {code} указан {count} раз(а)</translation>
    </message>
    <message>
        <source>{where}: a derived field is an optional real field without a vocabulary</source>
        <translation>{where}: вычисляемое поле — необязательное вещественное поле без справочника</translation>
    </message>
    <message>
        <source>{where}: a vocabulary is for text fields (the codes are text)</source>
        <translation>{where}: справочник — для текстовых полей (коды — это текст)</translation>
    </message>
    <message>
        <source>{where}: is missing</source>
        <translation>{where}: отсутствует</translation>
    </message>
    <message>
        <source>{where}: is not a key of a layer definition (a typo?)</source>
        <translation>{where}: в описании слоя нет такого ключа (опечатка?)</translation>
    </message>
    <message>
        <source>{where}: is too long (at most {limit})</source>
        <translation>{where}: слишком длинно (не больше {limit})</translation>
    </message>
    <message>
        <source>{where}: min_length and max_length are for text fields</source>
        <translation>{where}: min_length и max_length — для текстовых полей</translation>
    </message>
    <message>
        <source>{where}: min_length is above max_length</source>
        <translation>{where}: min_length больше max_length</translation>
    </message>
    <message>
        <source>{where}: minimum and maximum are for integer and real fields</source>
        <translation>{where}: minimum и maximum — для целых и вещественных полей</translation>
    </message>
    <message>
        <source>{where}: must be a list [...], not {value}</source>
        <translation>{where}: должно быть списком [...], а не {value}</translation>
    </message>
    <message>
        <source>{where}: must be a number, not {value}</source>
        <translation>{where}: должно быть числом, а не {value}</translation>
    </message>
    <message>
        <source>{where}: must be a whole number, not {value}</source>
        <translation>{where}: должно быть целым числом, а не {value}</translation>
    </message>
    <message>
        <source>{where}: must be an object {{...}}, not {value}</source>
        <translation>{where}: должно быть объектом {{...}}, а не {value}</translation>
    </message>
    <message>
        <source>{where}: must be text in quotes, not {value}</source>
        <translation>{where}: должно быть текстом в кавычках, а не {value}</translation>
    </message>
    <message>
        <source>{where}: must be true or false, not {value}</source>
        <translation>{where}: должно быть true или false, а не {value}</translation>
    </message>
    <message>
        <source>{where}: must not be empty</source>
        <translation>{where}: не должно быть пустым</translation>
    </message>
    <message>
        <source>{where}: not_future is for date and datetime fields</source>
        <translation>{where}: not_future — для полей даты и даты-времени</translation>
    </message>
    <message>
        <source>{where}: the minimum {minimum:g} is above the maximum {maximum:g}</source>
        <translation>{where}: минимум {minimum:g} больше максимума {maximum:g}</translation>
    </message>
    <message>
        <source>{where}: vocabulary_name needs a vocabulary</source>
        <translation>{where}: для vocabulary_name нужен справочник</translation>
    </message>
    <message>
        <source>{where}: {measure} cannot be measured on a {geometry} layer</source>
        <translation>{where}: {measure} нельзя измерить на слое {geometry}</translation>
    </message>
    <message>
        <source>{where}: {value} cannot be used here</source>
        <translation>{where}: {value} здесь нельзя использовать</translation>
    </message>
    <message>
        <source>{where}: {value} is not a colour like #d55e00</source>
        <translation>{where}: {value} — не цвет вида #d55e00</translation>
    </message>
    <message>
        <source>{where}: {value} is not a valid code: Latin letters, digits, _ . and -</source>
        <translation>{where}: {value} — недопустимый код: латинские буквы, цифры, _ . и -</translation>
    </message>
    <message>
        <source>{where}: {value} is not a valid name: lower-case Latin letters, digits and _, starting with a letter</source>
        <translation>{where}: {value} — недопустимое имя: строчные латинские буквы, цифры и _, начиная с буквы</translation>
    </message>
    <message>
        <source>{where}: {value} is not one of: {expected}</source>
        <translation>{where}: {value} — не одно из: {expected}</translation>
    </message>
    <message>
        <source>{where}: {value} is out of range ({detail})</source>
        <translation>{where}: {value} вне допустимого диапазона ({detail})</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>строка {row}</translation>
    </message>
    <message>
        <source>field {field}</source>
        <translation>поле {field}</translation>
    </message>
    <message>
        <source>; and {count} more</source>
        <translation>; и ещё {count}</translation>
    </message>
    <message>
        <source>geometry</source>
        <translation>геометрия</translation>
    </message>
    <message>
        <source>Your sign-in to {server} has expired or was revoked ({reason}): sign in again with Sync › Connect to server…. Your edits are safe on this computer.</source>
        <translation>Срок вашего входа на {server} истёк или вход отозван ({reason}): войдите снова через Синхронизация › Подключиться к серверу…. Ваши правки сохранены на этом компьютере.</translation>
    </message>
    <message>
        <source>Conflict {id} was already resolved on the server; the next sync brings its outcome.</source>
        <translation>Конфликт {id} уже разрешён на сервере; следующая синхронизация получит результат.</translation>
    </message>
    <message>
        <source>There is no conflict {id} in {store}; the Conflicts panel lists them.</source>
        <translation>В {store} нет конфликта {id}; их список — на панели «Конфликты».</translation>
    </message>
    <message>
        <source>{file} is damaged: {reason}</source>
        <translation>{file} повреждён: {reason}</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Вход…</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>Выход…</translation>
    </message>
    <message>
        <source>Reading the history…</source>
        <translation>Чтение истории…</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <source>Add a site from a geotagged photo</source>
        <translation>Добавить объект по фото с геотегом</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</source>
        <translation>Фотографии (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Правка</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Инструменты</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;История</translation>
    </message>
    <message>
        <source>Edit toolbar</source>
        <translation>Панель правки</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Форма</translation>
    </message>
    <message>
        <source>Choose an area layer as the edit layer to walk its outline.</source>
        <translation>Чтобы обойти контур, выберите слой площадей в качестве редактируемого слоя.</translation>
    </message>
    <message>
        <source>Edit layer:</source>
        <translation>Редактируемый слой:</translation>
    </message>
    <message>
        <source>px</source>
        <translation>пкс</translation>
    </message>
    <message>
        <source>Snapping tolerance in screen pixels</source>
        <translation>Допуск привязки в пикселях экрана</translation>
    </message>
    <message>
        <source>Feature form</source>
        <translation>Форма объекта</translation>
    </message>
    <message>
        <source>Edit history</source>
        <translation>История правок</translation>
    </message>
    <message>
        <source>&amp;Pan / identify</source>
        <translation>&amp;Сдвиг и выбор</translation>
    </message>
    <message>
        <source>Drag to pan the map, click a feature to see it</source>
        <translation>Перетащите, чтобы сдвинуть карту; щёлкните объект, чтобы увидеть его</translation>
    </message>
    <message>
        <source>Add &amp;point</source>
        <translation>Добавить &amp;точку</translation>
    </message>
    <message>
        <source>Click on the map to add a point to the edited layer</source>
        <translation>Щёлкните по карте, чтобы добавить точку в редактируемый слой</translation>
    </message>
    <message>
        <source>Draw &amp;area</source>
        <translation>Нарисовать &amp;участок</translation>
    </message>
    <message>
        <source>Click the corners of a new area; double-click to finish</source>
        <translation>Щёлкайте по вершинам нового участка; двойной щелчок завершает</translation>
    </message>
    <message>
        <source>Draw &amp;line</source>
        <translation>Нарисовать &amp;линию</translation>
    </message>
    <message>
        <source>Click the points of a new line (a river, a canal); double-click to finish</source>
        <translation>Щёлкайте по точкам новой линии (река, канал); двойной щелчок завершает</translation>
    </message>
    <message>
        <source>&amp;Move feature</source>
        <translation>&amp;Переместить объект</translation>
    </message>
    <message>
        <source>Drag a feature to move it</source>
        <translation>Перетащите объект, чтобы переместить его</translation>
    </message>
    <message>
        <source>Edit &amp;corners</source>
        <translation>Изменить &amp;вершины</translation>
    </message>
    <message>
        <source>Drag, add or delete the corners of a feature</source>
        <translation>Перетаскивайте, добавляйте или удаляйте вершины объекта</translation>
    </message>
    <message>
        <source>&amp;Delete feature</source>
        <translation>У&amp;далить объект</translation>
    </message>
    <message>
        <source>Click a feature to delete it</source>
        <translation>Щёлкните объект, чтобы удалить его</translation>
    </message>
    <message>
        <source>&amp;Split area</source>
        <translation>&amp;Разделить участок</translation>
    </message>
    <message>
        <source>Draw a line across an area to cut it in two</source>
        <translation>Проведите линию через участок, чтобы разрезать его надвое</translation>
    </message>
    <message>
        <source>Mer&amp;ge areas</source>
        <translation>&amp;Объединить участки</translation>
    </message>
    <message>
        <source>Click two areas to make them one</source>
        <translation>Щёлкните два участка, чтобы объединить их в один</translation>
    </message>
    <message>
        <source>Measure &amp;distance</source>
        <translation>Измерить р&amp;асстояние</translation>
    </message>
    <message>
        <source>Measure a distance on the ellipsoid</source>
        <translation>Измерить расстояние на эллипсоиде</translation>
    </message>
    <message>
        <source>Measure a&amp;rea</source>
        <translation>Измерить п&amp;лощадь</translation>
    </message>
    <message>
        <source>Measure an area on the ellipsoid</source>
        <translation>Измерить площадь на эллипсоиде</translation>
    </message>
    <message>
        <source>S&amp;napping</source>
        <translation>При&amp;вязка</translation>
    </message>
    <message>
        <source>Snap clicks to vertices and edges of visible layers</source>
        <translation>Привязывать щелчки к вершинам и рёбрам видимых слоёв</translation>
    </message>
    <message>
        <source>Edit &amp;attributes</source>
        <translation>Изменить &amp;атрибуты</translation>
    </message>
    <message>
        <source>Open the form of the selected feature</source>
        <translation>Открыть форму выбранного объекта</translation>
    </message>
    <message>
        <source>Delete selected</source>
        <translation>Удалить выбранные</translation>
    </message>
    <message>
        <source>Delete the selected features</source>
        <translation>Удалить выбранные объекты</translation>
    </message>
    <message>
        <source>Add point at &amp;coordinates…</source>
        <translation>Добавить точку по &amp;координатам…</translation>
    </message>
    <message>
        <source>Type or paste a position, or take a GPX waypoint</source>
        <translation>Введите или вставьте координаты либо возьмите путевую точку из GPX</translation>
    </message>
    <message>
        <source>Add from geotagged &amp;photo…</source>
        <translation>Добавить по &amp;фото с геотегом…</translation>
    </message>
    <message>
        <source>Place a site at the position where a photo was taken</source>
        <translation>Поставить объект туда, где было сделано фото</translation>
    </message>
</context>
<context>
    <name>EditCommand</name>
    <message>
        <source>Edit {layer}</source>
        <translation>Правка слоя «{layer}»</translation>
    </message>
    <message>
        <source>Add feature to {layer}</source>
        <translation>Добавить объект в слой «{layer}»</translation>
    </message>
    <message>
        <source>Edit attributes in {layer}</source>
        <translation>Изменить атрибуты в слое «{layer}»</translation>
    </message>
    <message>
        <source>Edit geometry in {layer}</source>
        <translation>Изменить геометрию в слое «{layer}»</translation>
    </message>
    <message>
        <source>Delete feature from {layer}</source>
        <translation>Удалить объект из слоя «{layer}»</translation>
    </message>
    <message>
        <source>Attach photo in {layer}</source>
        <translation>Прикрепить фото в слое «{layer}»</translation>
    </message>
    <message>
        <source>Remove photo in {layer}</source>
        <translation>Удалить фото в слое «{layer}»</translation>
    </message>
    <message>
        <source>Add feature from photo to {layer}</source>
        <translation>Добавить объект по фото в слой «{layer}»</translation>
    </message>
    <message>
        <source>Split feature in {layer}</source>
        <translation>Разделить объект в слое «{layer}»</translation>
    </message>
    <message>
        <source>Merge features in {layer}</source>
        <translation>Объединить объекты в слое «{layer}»</translation>
    </message>
    <message>
        <source>Resolve conflict in {layer}</source>
        <translation>Решение конфликта: {layer}</translation>
    </message>
</context>
<context>
    <name>EditFlow</name>
    <message>
        <source>A photo gives a point: choose a point layer to place sites from photos</source>
        <translation>Фото даёт точку: чтобы ставить объекты по фото, выберите точечный слой</translation>
    </message>
    <message>
        <source>{name} has no GPS position in its EXIF data: place the site on the map or type its coordinates</source>
        <translation>В EXIF файла {name} нет GPS-координат: поставьте объект на карте или введите его координаты</translation>
    </message>
    <message>
        <source>Drop photos on a feature to attach them, or choose Add point to place a new site at a photo&apos;s position</source>
        <translation>Перетащите фото на объект, чтобы прикрепить их, или выберите «Добавить точку», чтобы поставить новый объект в месте съёмки</translation>
    </message>
</context>
<context>
    <name>EditSession</name>
    <message>
        <source>Nothing edited yet</source>
        <translation>Пока ничего не изменено</translation>
    </message>
</context>
<context>
    <name>ExhibitActions</name>
    <message>
        <source>&amp;Project</source>
        <translation>П&amp;роект</translation>
    </message>
    <message>
        <source>Export &amp;map…</source>
        <translation>Экспорт &amp;карты…</translation>
    </message>
    <message>
        <source>Print the map as PDF, PNG or SVG with a legend, scale bar and north arrow</source>
        <translation>Вывести карту в PDF, PNG или SVG с легендой, масштабной линейкой и стрелкой севера</translation>
    </message>
    <message>
        <source>Export &amp;web map…</source>
        <translation>Экспорт &amp;веб-карты…</translation>
    </message>
    <message>
        <source>Save an interactive map as one HTML file that opens in any browser, with no internet</source>
        <translation>Сохранить интерактивную карту одним HTML-файлом, который открывается в любом браузере без интернета</translation>
    </message>
    <message>
        <source>Evidence &amp;dossier…</source>
        <translation>&amp;Досье доказательств…</translation>
    </message>
    <message>
        <source>A PDF of the selected site for auditors: map, attributes, photos with their SHA-256, history</source>
        <translation>PDF по выбранному объекту для аудиторов: карта, атрибуты, фото с их SHA-256, история</translation>
    </message>
    <message>
        <source>&amp;Charts</source>
        <translation>Диа&amp;граммы</translation>
    </message>
    <message>
        <source>Water area, trees planted and sites by status</source>
        <translation>Площадь воды, посаженные деревья и объекты по статусам</translation>
    </message>
    <message>
        <source>Web map &amp;preview</source>
        <translation>&amp;Предпросмотр веб-карты</translation>
    </message>
    <message>
        <source>The web map as it will look in a browser</source>
        <translation>Веб-карта в том виде, в каком её покажет браузер</translation>
    </message>
    <message>
        <source>Exporting the map to {file}…</source>
        <translation>Экспорт карты в {file}…</translation>
    </message>
    <message>
        <source>The map was not exported</source>
        <translation>Карта не экспортирована</translation>
    </message>
    <message>
        <source>Export web map</source>
        <translation>Экспорт веб-карты</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Веб-страницы (*.html)</translation>
    </message>
    <message>
        <source>Exporting the web map to {file}…</source>
        <translation>Экспорт веб-карты в {file}…</translation>
    </message>
    <message>
        <source>The web map was not exported</source>
        <translation>Веб-карта не экспортирована</translation>
    </message>
    <message numerus="yes">
        <source>The web map of %n feature(s) was written to {path}. It opens in any browser, with no internet.</source>
        <translation>
            <numerusform>Веб-карта с %n объектом записана в {path}. Она открывается в любом браузере без интернета.</numerusform>
            <numerusform>Веб-карта с %n объектами записана в {path}. Она открывается в любом браузере без интернета.</numerusform>
            <numerusform>Веб-карта с %n объектами записана в {path}. Она открывается в любом браузере без интернета.</numerusform>
        </translation>
    </message>
    <message>
        <source>Web map exported</source>
        <translation>Веб-карта экспортирована</translation>
    </message>
    <message>
        <source>Evidence dossier</source>
        <translation>Досье доказательств</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Making the evidence dossier {file}…</source>
        <translation>Создание досье доказательств {file}…</translation>
    </message>
    <message>
        <source>The dossier was not made</source>
        <translation>Досье не создано</translation>
    </message>
    <message>
        <source>Cancelled: no file was written.</source>
        <translation>Отменено: файл не записан.</translation>
    </message>
    <message>
        <source>File written</source>
        <translation>Файл записан</translation>
    </message>
    <message>
        <source>Written to {path}.</source>
        <translation>Записано в {path}.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export a layer</source>
        <translation>Экспорт слоя</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Слой:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Where to save; the extension chooses the format</source>
        <translation>Куда сохранить; формат определяется расширением</translation>
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
        <translation>Shapefile в ZIP-архиве (*.zip)</translation>
    </message>
    <message>
        <source>KML (*.kml)</source>
        <translation>KML (*.kml)</translation>
    </message>
    <message>
        <source>CSV with coordinates (*.csv)</source>
        <translation>CSV с координатами (*.csv)</translation>
    </message>
</context>
<context>
    <name>ExportMapDialog</name>
    <message>
        <source>Export map</source>
        <translation>Экспорт карты</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Заголовок</translation>
    </message>
    <message>
        <source>Subtitle</source>
        <translation>Подзаголовок</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Автор</translation>
    </message>
    <message>
        <source>Page size</source>
        <translation>Размер страницы</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>Ориентация</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Разрешение</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Формат</translation>
    </message>
    <message>
        <source>Language of the labels</source>
        <translation>Язык надписей</translation>
    </message>
    <message>
        <source>Extent</source>
        <translation>Охват</translation>
    </message>
    <message>
        <source>West, south, east, north</source>
        <translation>Запад, юг, восток, север</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Portrait</source>
        <translation>Книжная</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>Альбомная</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>The map as it is shown now</source>
        <translation>Карта в нынешнем виде</translation>
    </message>
    <message>
        <source>A chosen extent (degrees)</source>
        <translation>Выбранный охват (градусы)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>e.g. Illegal quarries of Ile district</source>
        <translation>например, Незаконные карьеры Илийского района</translation>
    </message>
    <message>
        <source>Exhibit (*.{suffix})</source>
        <translation>Экспонат (*.{suffix})</translation>
    </message>
    <message>
        <source>The folder of the file does not exist.</source>
        <translation>Папка файла не существует.</translation>
    </message>
</context>
<context>
    <name>FeatureDetails</name>
    <message>
        <source>Click a feature on the map or a row in the table to see it here.</source>
        <translation>Щёлкните объект на карте или строку в таблице, чтобы увидеть его здесь.</translation>
    </message>
    <message>
        <source>This feature no longer exists (deleted or moved to another store).</source>
        <translation>Этого объекта больше нет (удалён или перенесён в другое хранилище).</translation>
    </message>
    <message>
        <source>The store of this feature is closed.</source>
        <translation>Хранилище этого объекта закрыто.</translation>
    </message>
    <message>
        <source>computed from the geometry</source>
        <translation>вычислено по геометрии</translation>
    </message>
    <message>
        <source>Identifier (uuid)</source>
        <translation>Идентификатор (uuid)</translation>
    </message>
    <message>
        <source>Position (lat, lon)</source>
        <translation>Положение (широта, долгота)</translation>
    </message>
    <message>
        <source>No local changes waiting to be synced.</source>
        <translation>Нет локальных изменений, ожидающих синхронизации.</translation>
    </message>
    <message>
        <source>Added here; not yet synced.</source>
        <translation>Добавлено здесь; ещё не синхронизировано.</translation>
    </message>
    <message>
        <source>geometry</source>
        <translation>геометрия</translation>
    </message>
    <message>
        <source>Changed here, not yet synced: {fields}.</source>
        <translation>Изменено здесь, ещё не синхронизировано: {fields}.</translation>
    </message>
    <message numerus="yes">
        <source>Attachments (%n)</source>
        <translation>
            <numerusform>Вложения (%n)</numerusform>
            <numerusform>Вложения (%n)</numerusform>
            <numerusform>Вложения (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>(no file name)</source>
        <translation>(без имени файла)</translation>
    </message>
    <message>
        <source>{size} bytes</source>
        <translation>{size} байт</translation>
    </message>
    <message>
        <source>Taken (camera time): {time}</source>
        <translation>Снято (время камеры): {time}</translation>
    </message>
    <message>
        <source>Camera: {camera}</source>
        <translation>Камера: {camera}</translation>
    </message>
    <message>
        <source>Photo position: {lat:.6f}, {lon:.6f}</source>
        <translation>Место съёмки: {lat:.6f}, {lon:.6f}</translation>
    </message>
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <source>Required</source>
        <translation>Обязательно</translation>
    </message>
    <message>
        <source>At least {minimum}</source>
        <translation>Не меньше {minimum}</translation>
    </message>
    <message>
        <source>Must be from {minimum} to {maximum}</source>
        <translation>Должно быть от {minimum} до {maximum}</translation>
    </message>
    <message>
        <source>At most {maximum}</source>
        <translation>Не больше {maximum}</translation>
    </message>
    <message>
        <source>This date is in the future; an observation cannot be</source>
        <translation>Эта дата в будущем; наблюдение не может быть в будущем</translation>
    </message>
    <message>
        <source>Dates start in {year}</source>
        <translation>Даты начинаются с {year} года</translation>
    </message>
    <message>
        <source>Too long: {length} characters, at most {limit}</source>
        <translation>Слишком длинно: {length} символов, не больше {limit}</translation>
    </message>
    <message>
        <source>A polygon needs at least 3 corners; this one has {count}</source>
        <translation>У многоугольника должно быть не меньше 3 вершин; у этого {count}</translation>
    </message>
    <message>
        <source>The outline crosses itself: fix it automatically, or keep editing</source>
        <translation>Контур пересекает сам себя: исправьте его автоматически или продолжайте редактирование</translation>
    </message>
    <message>
        <source>The position is outside the world: longitude must be -180…180 and latitude -90…90</source>
        <translation>Положение вне земного шара: долгота должна быть от -180 до 180, широта от -90 до 90</translation>
    </message>
    <message>
        <source>The site lies outside Kazakhstan and its neighbours: are latitude and longitude swapped?</source>
        <translation>Объект лежит за пределами Казахстана и соседних стран: не перепутаны ли широта и долгота?</translation>
    </message>
    <message>
        <source>Place the feature on the map</source>
        <translation>Разместите объект на карте</translation>
    </message>
    <message>
        <source>Computed from the geometry</source>
        <translation>Вычисляется по геометрии</translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* обязательно</translation>
    </message>
    <message>
        <source>Fix outline</source>
        <translation>Исправить контур</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>FeatureFormPanel</name>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Photos ({count})</source>
        <translation>Фотографии ({count})</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Фотографии</translation>
    </message>
    <message>
        <source>Show or hide the photos of this feature</source>
        <translation>Показать или скрыть фотографии этого объекта</translation>
    </message>
    <message>
        <source>Choose an edit tool and place a feature on the map, or select a feature and choose Edit &gt; Edit attributes.</source>
        <translation>Выберите инструмент правки и поставьте объект на карте или выберите объект и пункт Правка &gt; Изменить атрибуты.</translation>
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
        <translation>Примечания</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>Создано</translation>
    </message>
    <message>
        <source>Created by</source>
        <translation>Кем создано</translation>
    </message>
    <message>
        <source>Updated at</source>
        <translation>Изменено</translation>
    </message>
    <message>
        <source>Updated by</source>
        <translation>Кем изменено</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Legal status</source>
        <translation>Правовой статус</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Licence number</source>
        <translation>Номер лицензии</translation>
    </message>
    <message>
        <source>Area, ha</source>
        <translation>Площадь, га</translation>
    </message>
    <message>
        <source>Observed on</source>
        <translation>Дата наблюдения</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Дата закрытия</translation>
    </message>
    <message>
        <source>Emissions</source>
        <translation>Выбросы</translation>
    </message>
    <message>
        <source>Receiving water</source>
        <translation>Водоприёмник</translation>
    </message>
    <message>
        <source>Discharge</source>
        <translation>Сброс</translation>
    </message>
    <message>
        <source>Flow, m³/day</source>
        <translation>Расход, м³/сут</translation>
    </message>
    <message>
        <source>Affected settlements</source>
        <translation>Затронутые населённые пункты</translation>
    </message>
    <message>
        <source>Last sampled on</source>
        <translation>Дата последнего отбора проб</translation>
    </message>
    <message>
        <source>Water body</source>
        <translation>Водоём</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Area, km²</source>
        <translation>Площадь, км²</translation>
    </message>
    <message>
        <source>Species</source>
        <translation>Порода</translation>
    </message>
    <message>
        <source>Trees</source>
        <translation>Деревьев</translation>
    </message>
    <message>
        <source>Planted on</source>
        <translation>Дата посадки</translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation>Организатор</translation>
    </message>
    <message>
        <source>Survival, %</source>
        <translation>Приживаемость, %</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Planned on</source>
        <translation>Запланировано на</translation>
    </message>
    <message>
        <source>Volunteers needed</source>
        <translation>Нужно волонтёров</translation>
    </message>
    <message>
        <source>Waste collected, kg</source>
        <translation>Собрано отходов, кг</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
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
        <translation>&amp;Подключить…</translation>
    </message>
    <message>
        <source>Read positions from a GPS receiver, gpsd, a phone or a recorded log</source>
        <translation>Получать положение от GPS-приёмника, gpsd, телефона или из записанного журнала</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <source>Stop reading the GPS receiver</source>
        <translation>Перестать читать GPS-приёмник</translation>
    </message>
    <message>
        <source>&amp;Follow my position</source>
        <translation>&amp;Следовать за мной</translation>
    </message>
    <message>
        <source>Keep your position in view; moving the map by hand pauses it</source>
        <translation>Держать ваше положение в поле зрения; если сдвинуть карту вручную, следование приостанавливается</translation>
    </message>
    <message>
        <source>Add &amp;point at my position…</source>
        <translation>Добавить &amp;точку в моём положении…</translation>
    </message>
    <message>
        <source>Average the next fixes and add a point of the edited layer there</source>
        <translation>Усреднить следующие отсчёты и добавить туда точку редактируемого слоя</translation>
    </message>
    <message>
        <source>Add &amp;corner at my position</source>
        <translation>Добавить &amp;вершину в моём положении</translation>
    </message>
    <message>
        <source>Walk the outline of an area: each corner where you stand</source>
        <translation>Обойдите контур площади: каждая вершина — там, где вы стоите</translation>
    </message>
    <message>
        <source>&amp;Record track…</source>
        <translation>&amp;Записать трек…</translation>
    </message>
    <message>
        <source>Write your walk to a GPX file as you go</source>
        <translation>Записывать ваш маршрут в файл GPX по ходу движения</translation>
    </message>
    <message>
        <source>&amp;Pause recording</source>
        <translation>&amp;Приостановить запись</translation>
    </message>
    <message>
        <source>Pause the track; going on starts a new segment</source>
        <translation>Приостановить трек; при продолжении начнётся новый сегмент</translation>
    </message>
    <message>
        <source>&amp;Stop recording…</source>
        <translation>&amp;Остановить запись…</translation>
    </message>
    <message>
        <source>Close the GPX file; the walked outline can become an area</source>
        <translation>Закрыть файл GPX; пройденный контур можно сохранить как площадь</translation>
    </message>
    <message>
        <source>The GPS receiver is not answering ({reason}); trying again in {seconds} s.</source>
        <translation>GPS-приёмник не отвечает ({reason}); повторная попытка через {seconds} с.</translation>
    </message>
    <message>
        <source>The NMEA log was replayed to its end.</source>
        <translation>Журнал NMEA воспроизведён до конца.</translation>
    </message>
    <message>
        <source>GPS: not answering, trying again</source>
        <translation>GPS: нет ответа, повторное подключение</translation>
    </message>
    <message>
        <source>GPS: connecting…</source>
        <translation>GPS: подключение…</translation>
    </message>
    <message>
        <source>GPS: no fix</source>
        <translation>GPS: нет координат</translation>
    </message>
    <message>
        <source>last fix {age}</source>
        <translation>последние координаты {age}</translation>
    </message>
    <message>
        <source>GPS: {quality}</source>
        <translation>GPS: {quality}</translation>
    </message>
    <message numerus="yes">
        <source>%n satellite(s)</source>
        <translation>
            <numerusform>%n спутник</numerusform>
            <numerusform>%n спутника</numerusform>
            <numerusform>%n спутников</numerusform>
        </translation>
    </message>
    <message>
        <source>±{metres} m</source>
        <translation>±{metres} м</translation>
    </message>
    <message numerus="yes">
        <source>track paused, %n point(s)</source>
        <translation>
            <numerusform>трек на паузе, %n точка</numerusform>
            <numerusform>трек на паузе, %n точки</numerusform>
            <numerusform>трек на паузе, %n точек</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>recording, %n point(s)</source>
        <translation>
            <numerusform>идёт запись, %n точка</numerusform>
            <numerusform>идёт запись, %n точки</numerusform>
            <numerusform>идёт запись, %n точек</numerusform>
        </translation>
    </message>
    <message>
        <source>no fix</source>
        <translation>нет координат</translation>
    </message>
    <message>
        <source>GPS fix</source>
        <translation>автономно</translation>
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
        <translation>RTK (фиксированное)</translation>
    </message>
    <message>
        <source>RTK float</source>
        <translation>RTK (плавающее)</translation>
    </message>
    <message>
        <source>estimated (dead reckoning)</source>
        <translation>расчётное (счисление пути)</translation>
    </message>
    <message>
        <source>manual input</source>
        <translation>ручной ввод</translation>
    </message>
    <message>
        <source>simulation</source>
        <translation>имитация</translation>
    </message>
    <message>
        <source>Following your position is paused: GPS › Follow my position resumes it.</source>
        <translation>Следование за положением приостановлено: GPS › Следовать за мной возобновит его.</translation>
    </message>
    <message>
        <source>Choose a point layer as the edit layer to add a point at your position.</source>
        <translation>Чтобы добавить точку в вашем положении, выберите точечный слой в качестве редактируемого.</translation>
    </message>
    <message>
        <source>No current GPS position: wait until the receiver has a fix.</source>
        <translation>Нет текущих координат GPS: дождитесь, пока приёмник определит положение.</translation>
    </message>
    <message>
        <source>Record the track to</source>
        <translation>Записать трек в</translation>
    </message>
    <message>
        <source>GPX (*.gpx)</source>
        <translation>GPX (*.gpx)</translation>
    </message>
    <message>
        <source>Track saved to {path}: {points} points, {length} m.</source>
        <translation>Трек сохранён в {path}: точек — {points}, {length} м.</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n с назад</numerusform>
            <numerusform>%n с назад</numerusform>
            <numerusform>%n с назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n мин назад</numerusform>
            <numerusform>%n мин назад</numerusform>
            <numerusform>%n мин назад</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n ч назад</numerusform>
            <numerusform>%n ч назад</numerusform>
            <numerusform>%n ч назад</numerusform>
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
        <translation>Скорость (бод):</translation>
    </message>
    <message>
        <source>Address of the phone:</source>
        <translation>Адрес телефона:</translation>
    </message>
    <message>
        <source>Port on this computer:</source>
        <translation>Порт на этом компьютере:</translation>
    </message>
    <message>
        <source>NMEA log:</source>
        <translation>Журнал NMEA:</translation>
    </message>
    <message>
        <source>Replay:</source>
        <translation>Воспроизведение:</translation>
    </message>
    <message>
        <source>Connect to a GPS receiver</source>
        <translation>Подключение к GPS-приёмнику</translation>
    </message>
    <message>
        <source>Where do positions come from?</source>
        <translation>Откуда берутся координаты?</translation>
    </message>
    <message>
        <source>gpsd (the GPS service of this or another computer)</source>
        <translation>gpsd (служба GPS этого или другого компьютера)</translation>
    </message>
    <message>
        <source>USB or Bluetooth receiver (serial port)</source>
        <translation>USB- или Bluetooth-приёмник (последовательный порт)</translation>
    </message>
    <message>
        <source>Phone sharing its GPS over the network (TCP)</source>
        <translation>Телефон, раздающий свой GPS по сети (TCP)</translation>
    </message>
    <message>
        <source>Phone sending its GPS to this computer (UDP)</source>
        <translation>Телефон, отправляющий свой GPS на этот компьютер (UDP)</translation>
    </message>
    <message>
        <source>Recorded NMEA log (replay)</source>
        <translation>Записанный журнал NMEA (воспроизведение)</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Определить</translation>
    </message>
    <message>
        <source>As recorded</source>
        <translation>Как записано</translation>
    </message>
    <message>
        <source>10 times faster</source>
        <translation>В 10 раз быстрее</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>Как можно быстрее</translation>
    </message>
    <message>
        <source>Start again at the end</source>
        <translation>В конце начинать заново</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Choose an NMEA log</source>
        <translation>Выберите журнал NMEA</translation>
    </message>
    <message>
        <source>NMEA logs (*.nmea *.log *.txt);;All files (*)</source>
        <translation>Журналы NMEA (*.nmea *.log *.txt);;Все файлы (*)</translation>
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
    <name>ImportDialog</name>
    <message>
        <source>Import a file</source>
        <translation>Импорт файла</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Layer in the file:</source>
        <translation>Слой в файле:</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>Кодировка текста:</translation>
    </message>
    <message>
        <source>Import into:</source>
        <translation>Импортировать в:</translation>
    </message>
    <message>
        <source>Fields (the column of the file for each field, or one value for every row):</source>
        <translation>Поля (столбец файла для каждого поля или одно значение для всех строк):</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Предпросмотр:</translation>
    </message>
    <message>
        <source>Automatic (told from the file)</source>
        <translation>Автоматически (по файлу)</translation>
    </message>
    <message>
        <source>CP1251 (Windows, Cyrillic)</source>
        <translation>CP1251 (Windows, кириллица)</translation>
    </message>
    <message>
        <source>KZ-1048 (Windows, Kazakh)</source>
        <translation>KZ-1048 (Windows, казахская)</translation>
    </message>
    <message>
        <source>CP866 (DOS, Cyrillic)</source>
        <translation>CP866 (DOS, кириллица)</translation>
    </message>
    <message>
        <source>CP1252 (Windows, Western European)</source>
        <translation>CP1252 (Windows, западноевропейская)</translation>
    </message>
    <message>
        <source>The code page the file&apos;s text was written in. Choose another when names look garbled.</source>
        <translation>Кодовая страница, в которой записан текст файла. Выберите другую, если названия выглядят искажёнными.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Import the valid rows and skip the invalid ones</source>
        <translation>Импортировать корректные строки и пропустить ошибочные</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Столбец</translation>
    </message>
    <message>
        <source>Value for rows without one</source>
        <translation>Значение для строк без него</translation>
    </message>
    <message>
        <source>(the only or every layer)</source>
        <translation>(единственный или все слои)</translation>
    </message>
    <message>
        <source>Files baytak can import (*.geojson *.json *.gpkg *.shp *.zip *.dbf *.tab *.mif *.kml *.kmz *.gpx *.gml *.fgb *.csv *.txt *.xlsx *.ods)</source>
        <translation>Файлы, которые baytak может импортировать (*.geojson *.json *.gpkg *.shp *.zip *.dbf *.tab *.mif *.kml *.kmz *.gpx *.gml *.fgb *.csv *.txt *.xlsx *.ods)</translation>
    </message>
    <message>
        <source>Not imported (no field takes them): {columns}</source>
        <translation>Не импортируются (ни одно поле их не принимает): {columns}</translation>
    </message>
    <message>
        <source>Needs a column or a value: {fields}</source>
        <translation>Нужен столбец или значение: {fields}</translation>
    </message>
    <message>
        <source>as chosen</source>
        <translation>как выбрано</translation>
    </message>
    <message>
        <source>as the file declares</source>
        <translation>как указано в файле</translation>
    </message>
    <message>
        <source>as the .dbf file says</source>
        <translation>как указано в файле .dbf</translation>
    </message>
    <message>
        <source>told from the text; choose another above if names look garbled</source>
        <translation>определена по тексту; если названия выглядят искажёнными, выберите другую выше</translation>
    </message>
    <message>
        <source>Text read as {encoding} ({how}).</source>
        <translation>Текст прочитан как {encoding} ({how}).</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Чтение файла…</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>Геометрия</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>This file cannot be imported: {reason}</source>
        <translation>Этот файл нельзя импортировать: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) in the file.</source>
        <translation>
            <numerusform>В файле %n объект.</numerusform>
            <numerusform>В файле %n объекта.</numerusform>
            <numerusform>В файле %n объектов.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) have no usable geometry.</source>
        <translation>
            <numerusform>В %n строке нет пригодной геометрии.</numerusform>
            <numerusform>В %n строках нет пригодной геометрии.</numerusform>
            <numerusform>В %n строках нет пригодной геометрии.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Отмена…</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Zoom to layer</source>
        <translation>Приблизить к слою</translation>
    </message>
    <message>
        <source>Style…</source>
        <translation>Стиль…</translation>
    </message>
    <message>
        <source>Open attribute table</source>
        <translation>Открыть таблицу атрибутов</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s)</source>
        <translation>
            <numerusform>%n объект</numerusform>
            <numerusform>%n объекта</numerusform>
            <numerusform>%n объектов</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Подписи</translation>
    </message>
    <message>
        <source>No labels</source>
        <translation>Без подписей</translation>
    </message>
    <message>
        <source>Tick to show a layer; drag to change which is drawn on top; right-click for style, labels and the attribute table</source>
        <translation>Отметьте слой, чтобы показать его; перетащите, чтобы изменить порядок отрисовки; правый щелчок — стиль, подписи и таблица атрибутов</translation>
    </message>
</context>
<context>
    <name>Layers</name>
    <message>
        <source>Quarries</source>
        <translation>Карьеры</translation>
    </message>
    <message>
        <source>Brick factories</source>
        <translation>Кирпичные заводы</translation>
    </message>
    <message>
        <source>Sewage outflows</source>
        <translation>Выпуски сточных вод</translation>
    </message>
    <message>
        <source>Shorelines</source>
        <translation>Береговые линии</translation>
    </message>
    <message>
        <source>Tree plantings</source>
        <translation>Посадки деревьев</translation>
    </message>
    <message>
        <source>Cleanup plans</source>
        <translation>Планы уборки</translation>
    </message>
</context>
<context>
    <name>LocalAuthor</name>
    <message>
        <source>Your &amp;name on edits…</source>
        <translation>Ваше &amp;имя в правках…</translation>
    </message>
    <message>
        <source>The name recorded as the author of the features you add and change</source>
        <translation>Имя, которое записывается как автор добавленных и изменённых вами объектов</translation>
    </message>
    <message>
        <source>Your name on edits</source>
        <translation>Ваше имя в правках</translation>
    </message>
    <message>
        <source>Recorded as &quot;Created by&quot; and &quot;Changed by&quot; of the features you add and change. Leave empty to use the name you sign in with, or this computer&apos;s user name.</source>
        <translation>Записывается в поля «Кем создано» и «Кем изменено» добавленных и изменённых вами объектов. Оставьте пустым, чтобы использовать имя, под которым вы входите на сервер, или имя пользователя этого компьютера.</translation>
    </message>
</context>
<context>
    <name>LockWait</name>
    <message>
        <source>Waiting for {program}, which has the store open for writing ({seconds} s)…</source>
        <translation>Ожидание: {program} держит хранилище открытым для записи ({seconds} с)…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Layers</source>
        <translation>Слои</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Сведения</translation>
    </message>
    <message>
        <source>Feature details</source>
        <translation>Сведения об объекте</translation>
    </message>
    <message>
        <source>The store&apos;s new layers and fields could not be read: {message}</source>
        <translation>Не удалось прочитать новые слои и поля хранилища: {message}</translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation>Открывается {file}…</translation>
    </message>
    <message>
        <source>Opening {file}: another program is writing to it. It opens as soon as that program is done.</source>
        <translation>Открывается {file}: в него сейчас пишет другая программа. Он откроется, как только она закончит.</translation>
    </message>
    <message>
        <source>{name} (demo store: illustrative data)</source>
        <translation>{name} (демонстрационное хранилище: условные данные)</translation>
    </message>
    <message>
        <source>A sync with the server</source>
        <translation>Синхронизация с сервером</translation>
    </message>
    <message>
        <source>Saving your edits… the window closes when they are written.</source>
        <translation>Ваши правки сохраняются… окно закроется, когда они будут записаны.</translation>
    </message>
    <message>
        <source>Cancel and close?</source>
        <translation>Отменить и закрыть?</translation>
    </message>
    <message>
        <source>Still running:
{jobs}

Cancel and close the window? The store stays as it was before.</source>
        <translation>Ещё выполняется:
{jobs}

Отменить и закрыть окно? Хранилище останется таким, каким было до этого.</translation>
    </message>
    <message>
        <source>Cancelling… the window closes when the store is as it was.</source>
        <translation>Отмена… окно закроется, когда хранилище вернётся в прежнее состояние.</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>Таблица атрибутов</translation>
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
        <translation>Щёлкните по карте там, где находится объект, или перетащите на карту фото с геотегом</translation>
    </message>
    <message>
        <source>The position is outside the world: longitude must be -180…180 and latitude -90…90</source>
        <translation>Положение вне земного шара: долгота должна быть от -180 до 180, широта от -90 до 90</translation>
    </message>
    <message>
        <source>Reading the map data…</source>
        <translation>Чтение данных карты…</translation>
    </message>
    <message>
        <source>A polygon needs at least 3 corners; this one has {count}</source>
        <translation>У многоугольника должно быть не меньше 3 вершин; у этого {count}</translation>
    </message>
    <message>
        <source>The outline crosses itself</source>
        <translation>Контур пересекает сам себя</translation>
    </message>
    <message>
        <source>Delete features</source>
        <translation>Удаление объектов</translation>
    </message>
    <message>
        <source>Delete “{name}” from {layer}? You can undo this with Undo.</source>
        <translation>Удалить «{name}» из слоя «{layer}»? Это можно вернуть командой «Отменить».</translation>
    </message>
    <message>
        <source>Delete %n feature(s) from {layer}? Undo restores them.</source>
        <translation>Удалить объекты из слоя «{layer}» (%n шт.)? Команда «Отменить» вернёт их.</translation>
    </message>
    <message>
        <source>Click a feature of the edited layer to delete it</source>
        <translation>Щёлкните объект редактируемого слоя, чтобы удалить его</translation>
    </message>
    <message>
        <source>Click the corners; double-click or Enter to finish, Backspace removes the last corner, Esc cancels</source>
        <translation>Щёлкайте по вершинам; двойной щелчок или Enter завершает, Backspace удаляет последнюю вершину, Esc отменяет</translation>
    </message>
    <message>
        <source>Click the points of the line; double-click or Enter to finish, Backspace removes the last point, Esc cancels</source>
        <translation>Щёлкайте по точкам линии; двойной щелчок или Enter завершает, Backspace удаляет последнюю точку, Esc отменяет</translation>
    </message>
    <message>
        <source>The outline crosses itself. Fix it automatically (the crossing parts become separate parts of the area), or keep editing?</source>
        <translation>Контур пересекает сам себя. Исправить его автоматически (пересекающиеся части станут отдельными частями участка) или продолжить редактирование?</translation>
    </message>
    <message>
        <source>Fix outline</source>
        <translation>Исправить контур</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Продолжить редактирование</translation>
    </message>
    <message>
        <source>A line needs at least 2 points</source>
        <translation>В линии должно быть не меньше 2 точек</translation>
    </message>
    <message>
        <source>Click the corners of the area to measure; double-click to finish, Esc clears</source>
        <translation>Щёлкайте по вершинам измеряемого участка; двойной щелчок завершает, Esc очищает</translation>
    </message>
    <message>
        <source>Click points to measure the distance along them; double-click to finish, Esc clears</source>
        <translation>Щёлкайте по точкам, чтобы измерить расстояние вдоль них; двойной щелчок завершает, Esc очищает</translation>
    </message>
    <message>
        <source>Drag a feature of the edited layer to move it</source>
        <translation>Перетащите объект редактируемого слоя, чтобы переместить его</translation>
    </message>
    <message>
        <source>Draw a line across an area to cut it in two; double-click or Enter to cut, Esc cancels</source>
        <translation>Проведите линию через участок, чтобы разрезать его надвое; двойной щелчок или Enter режет, Esc отменяет</translation>
    </message>
    <message>
        <source>The line does not cut across an area of the edited layer</source>
        <translation>Линия не пересекает ни одного участка редактируемого слоя</translation>
    </message>
    <message>
        <source>Click the area to keep (its attributes stay)</source>
        <translation>Щёлкните участок, который останется (его атрибуты сохранятся)</translation>
    </message>
    <message>
        <source>Click the area to merge into it; Esc starts again</source>
        <translation>Щёлкните участок, который нужно присоединить к нему; Esc — начать заново</translation>
    </message>
    <message>
        <source>Click a feature, then drag its corners; double-click an edge to add a corner, Delete removes the chosen corner</source>
        <translation>Щёлкните объект, затем перетаскивайте его вершины; двойной щелчок по ребру добавляет вершину, Delete удаляет выбранную</translation>
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
        <translation>Площадь {area}, периметр {perimeter}</translation>
    </message>
    <message>
        <source>Distance {length}</source>
        <translation>Расстояние {length}</translation>
    </message>
</context>
<context>
    <name>MeasureResult</name>
    <message>
        <source>Click on the map to measure</source>
        <translation>Щёлкните по карте, чтобы измерить</translation>
    </message>
</context>
<context>
    <name>OnlineTiles</name>
    <message>
        <source>“{url}” is not a tile address: it must start with http:// or https:// and contain {{z}}, {{x}} and {{y}}.</source>
        <translation>«{url}» — не адрес тайлов: он должен начинаться с http:// или https:// и содержать {{z}}, {{x}} и {{y}}.</translation>
    </message>
    <message>
        <source>Online tiles</source>
        <translation>Онлайн-тайлы</translation>
    </message>
    <message>
        <source>Address of an XYZ tile server, with {z}, {x} and {y} (tiles are kept on this computer for use without a connection; leave empty for none):</source>
        <translation>Адрес XYZ-сервера тайлов с {z}, {x} и {y} (тайлы сохраняются на этом компьютере для работы без связи; оставьте пустым, если не нужно):</translation>
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
        <translation>Непрозрачность</translation>
    </message>
    <message>
        <source>How opaque the current layer is drawn</source>
        <translation>Насколько непрозрачно рисуется текущий слой</translation>
    </message>
</context>
<context>
    <name>PhotoFlags</name>
    <message>
        <source>Taken {distance} from the site</source>
        <translation>Снято в {distance} от объекта</translation>
    </message>
    <message>
        <source>{days} days before the observation ({date})</source>
        <translation>за {days} дн. до наблюдения ({date})</translation>
    </message>
    <message>
        <source>{days} days after the observation ({date})</source>
        <translation>через {days} дн. после наблюдения ({date})</translation>
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
        <translation>Прикрепить фото</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</source>
        <translation>Фотографии (*.jpg *.jpeg *.png *.tif *.tiff *.webp)</translation>
    </message>
    <message>
        <source>No photos yet: add them here or drop them onto this form.</source>
        <translation>Фото пока нет: добавьте их здесь или перетащите на эту форму.</translation>
    </message>
    <message>
        <source>Save the feature to attach photos.</source>
        <translation>Сохраните объект, чтобы прикрепить фото.</translation>
    </message>
    <message>
        <source>SHA-256: {sha}</source>
        <translation>SHA-256: {sha}</translation>
    </message>
    <message>
        <source>Taken: {when}</source>
        <translation>Снято: {when}</translation>
    </message>
    <message>
        <source>Taken: unknown (no EXIF time)</source>
        <translation>Снято: неизвестно (нет времени EXIF)</translation>
    </message>
    <message>
        <source>Position: {position}</source>
        <translation>Положение: {position}</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>Добавить фото…</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Удалить фото</translation>
    </message>
    <message>
        <source>Drop photos here to attach them</source>
        <translation>Перетащите сюда фото, чтобы прикрепить их</translation>
    </message>
</context>
<context>
    <name>ReferencePanel</name>
    <message>
        <source>Basemaps and imagery</source>
        <translation>Подложки и снимки</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Непрозрачность</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>Яркость</translation>
    </message>
    <message>
        <source>One date at a time</source>
        <translation>Только одна дата</translation>
    </message>
    <message>
        <source>Show only the images taken on the date chosen with the slider</source>
        <translation>Показывать только снимки, сделанные в дату, выбранную ползунком</translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation>Шторка</translation>
    </message>
    <message>
        <source>Show the top image only left of the slider&apos;s position, to compare it with what is under it</source>
        <translation>Показывать верхний снимок только слева от ползунка, чтобы сравнить его с тем, что под ним</translation>
    </message>
    <message>
        <source>Not on this device: {path}</source>
        <translation>Нет на этом устройстве: {path}</translation>
    </message>
    <message>
        <source>Image: {title}</source>
        <translation>Снимок: {title}</translation>
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
    <name>ScaleBar</name>
    <message>
        <source>Scale at the centre of the map, measured on the ellipsoid</source>
        <translation>Масштаб в центре карты, измеренный на эллипсоиде</translation>
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
        <translation>Демонстрационное хранилище: условные данные, не синхронизируется</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) not yet synced</source>
        <translation>
            <numerusform>%n правка не синхронизирована</numerusform>
            <numerusform>%n правки не синхронизированы</numerusform>
            <numerusform>%n правок не синхронизировано</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StepAction</name>
    <message>
        <source>&amp;Undo {step}</source>
        <translation>&amp;Отменить: {step}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>&amp;Redo {step}</source>
        <translation>&amp;Повторить: {step}</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Повторить</translation>
    </message>
</context>
<context>
    <name>StoreProblems</name>
    <message>
        <source>The layer {layer} cannot be read ({reason}); the other layers are shown. Run “baytak validate” on the store for details.</source>
        <translation>Слой «{layer}» не читается ({reason}); остальные слои показаны. Подробности покажет команда «baytak validate» для этого хранилища.</translation>
    </message>
    <message>
        <source>The store has a layer {layer} that Baytak does not know; it is not shown here (QGIS can open it).</source>
        <translation>В хранилище есть слой {layer}, неизвестный Baytak; здесь он не показан (его может открыть QGIS).</translation>
    </message>
    <message>
        <source>The store is open read-only: it could not be upgraded or repaired, so nothing can be changed in it.</source>
        <translation>Хранилище открыто только для чтения: его не удалось обновить или исправить, поэтому изменить в нём ничего нельзя.</translation>
    </message>
</context>
<context>
    <name>StyleDialog</name>
    <message>
        <source>The field {field} has no values in this layer yet.</source>
        <translation>У поля {field} в этом слое пока нет значений.</translation>
    </message>
    <message>
        <source>Style of {layer}</source>
        <translation>Стиль слоя «{layer}»</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Стиль</translation>
    </message>
    <message>
        <source>Single symbol</source>
        <translation>Единый символ</translation>
    </message>
    <message>
        <source>Categorized</source>
        <translation>По категориям</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Подписи</translation>
    </message>
    <message>
        <source>No labels</source>
        <translation>Без подписей</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Символ</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>Категории</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>Классифицировать</translation>
    </message>
    <message>
        <source>One category per value of the field, each with its own colour</source>
        <translation>По категории на каждое значение поля, у каждой свой цвет</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Предпросмотр</translation>
    </message>
</context>
<context>
    <name>StylesModel</name>
    <message>
        <source>The style is used but could not be saved in the store: {reason}</source>
        <translation>Стиль применён, но не сохранён в хранилище: {reason}</translation>
    </message>
</context>
<context>
    <name>SymbolEditor</name>
    <message>
        <source>Fill of other values</source>
        <translation>Заливка прочих значений</translation>
    </message>
    <message>
        <source>Fill colour</source>
        <translation>Цвет заливки</translation>
    </message>
    <message>
        <source>Outline colour</source>
        <translation>Цвет контура</translation>
    </message>
    <message>
        <source>Line colour</source>
        <translation>Цвет линии</translation>
    </message>
    <message>
        <source>Line colour of other values</source>
        <translation>Цвет линии остальных значений</translation>
    </message>
    <message>
        <source>Outline width, px</source>
        <translation>Толщина контура, пикс.</translation>
    </message>
    <message>
        <source>Line width, px</source>
        <translation>Толщина линии, пикс.</translation>
    </message>
    <message>
        <source>Line pattern</source>
        <translation>Тип линии</translation>
    </message>
    <message>
        <source>Point size, px</source>
        <translation>Размер точки, пикс.</translation>
    </message>
    <message>
        <source>Fill transparency, %</source>
        <translation>Прозрачность заливки, %</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
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
        <translation>Син&amp;хронизация</translation>
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
        <source>Send your edits and get everyone else&apos;s</source>
        <translation>Отправить свои правки и получить правки остальных</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>В&amp;ыйти</translation>
    </message>
    <message>
        <source>Forget this computer&apos;s sign-in</source>
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
        <source>Review</source>
        <translation>Проверка</translation>
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
<context>
    <name>TrackSaveDialog</name>
    <message>
        <source>Save the walked track</source>
        <translation>Сохранить пройденный трек</translation>
    </message>
    <message>
        <source>The track has {points} points, {length} m walked. Save it as a new feature: the outline of an area, or a line (a river bank, a canal)? The GPX file stays either way.</source>
        <translation>В треке {points} точек, пройдено {length} м. Сохранить его как новый объект: контур участка или линию (берег реки, канал)? Файл GPX сохраняется в любом случае.</translation>
    </message>
    <message>
        <source>m</source>
        <translation>м</translation>
    </message>
    <message>
        <source>Corners closer than this to the outline are dropped: the footsteps&apos; zig-zag goes</source>
        <translation>Вершины ближе этого расстояния к контуру отбрасываются: зигзаг шагов исчезает</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>Слой:</translation>
    </message>
    <message>
        <source>Simplify:</source>
        <translation>Упростить:</translation>
    </message>
    <message>
        <source>Save as outline</source>
        <translation>Сохранить как контур</translation>
    </message>
    <message>
        <source>Save as line</source>
        <translation>Сохранить как линию</translation>
    </message>
    <message>
        <source>Keep only the GPX</source>
        <translation>Оставить только GPX</translation>
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
        <translation>Предпросмотр веб-карты</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Build the web map again from the store</source>
        <translation>Заново построить веб-карту из хранилища</translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation>Хранилище не открыто.</translation>
    </message>
    <message>
        <source>Building the web map…</source>
        <translation>Построение веб-карты…</translation>
    </message>
    <message>
        <source>Offline: nothing is fetched from the internet. Click a feature to select it.</source>
        <translation>Офлайн: из интернета ничего не загружается. Щёлкните объект, чтобы выбрать его.</translation>
    </message>
    <message>
        <source>The web map could not be built: {reason}</source>
        <translation>Не удалось построить веб-карту: {reason}</translation>
    </message>
    <message>
        <source>The preview is not available here: {reason}</source>
        <translation>Предпросмотр здесь недоступен: {reason}</translation>
    </message>
</context>
<context>
    <name>WebMapPreview</name>
    <message>
        <source>Web map preview</source>
        <translation>Предпросмотр веб-карты</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Open a GeoPackage</source>
        <translation>Открыть GeoPackage</translation>
    </message>
    <message>
        <source>GeoPackage files (*.gpkg)</source>
        <translation>Файлы GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>Welcome to Baytak</source>
        <translation>Добро пожаловать в Baytak</translation>
    </message>
    <message>
        <source>Baytak keeps your sites (quarries, brick factories, sewage outflows, tree plantings, cleanups) on this computer and works without the Internet. How would you like to start?</source>
        <translation>Baytak хранит ваши объекты (карьеры, кирпичные заводы, выпуски сточных вод, посадки деревьев, уборки) на этом компьютере и работает без интернета. С чего начнём?</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>My &amp;branch:</source>
        <translation>Мой &amp;филиал:</translation>
    </message>
    <message>
        <source>Open the demo map</source>
        <translation>Открыть демонстрационную карту</translation>
    </message>
    <message>
        <source>Look around first: sample sites across Kazakhstan (illustrative positions).</source>
        <translation>Сначала осмотреться: примеры объектов по всему Казахстану (положения условные).</translation>
    </message>
    <message>
        <source>Create an empty store for my branch</source>
        <translation>Создать пустое хранилище для моего филиала</translation>
    </message>
    <message>
        <source>A new store for the branch chosen above, saved in {folder}.</source>
        <translation>Новое хранилище для выбранного выше филиала, сохраняется в {folder}.</translation>
    </message>
    <message>
        <source>Open an existing GeoPackage…</source>
        <translation>Открыть существующий GeoPackage…</translation>
    </message>
    <message>
        <source>A store a colleague gave you, or any GeoPackage (.gpkg).</source>
        <translation>Хранилище от коллеги или любой GeoPackage (.gpkg).</translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation>Подключиться к серверу…</translation>
    </message>
    <message>
        <source>Sign in to your party&apos;s sync server and get your branch&apos;s data.</source>
        <translation>Войдите на сервер синхронизации партии и получите данные своего филиала.</translation>
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
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>Панели</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Панель инструментов</translation>
    </message>
    <message>
        <source>&amp;Open store…</source>
        <translation>&amp;Открыть хранилище…</translation>
    </message>
    <message>
        <source>Open a GeoPackage store</source>
        <translation>Открыть хранилище GeoPackage</translation>
    </message>
    <message>
        <source>&amp;New store…</source>
        <translation>&amp;Новое хранилище…</translation>
    </message>
    <message>
        <source>Create a new, empty store</source>
        <translation>Создать новое пустое хранилище</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Импорт…</translation>
    </message>
    <message>
        <source>Import a file into a layer</source>
        <translation>Импортировать файл в слой</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Экспорт…</translation>
    </message>
    <message>
        <source>Export a layer to a file</source>
        <translation>Экспортировать слой в файл</translation>
    </message>
    <message>
        <source>Add basemap (.osm.pbf)…</source>
        <translation>Добавить подложку (.osm.pbf)…</translation>
    </message>
    <message>
        <source>Build an offline basemap from an OpenStreetMap extract and add it to the store</source>
        <translation>Построить офлайн-подложку из выгрузки OpenStreetMap и добавить её в хранилище</translation>
    </message>
    <message>
        <source>Add imagery…</source>
        <translation>Добавить снимок…</translation>
    </message>
    <message>
        <source>Add a drone or satellite image (GeoTIFF, JPEG 2000, …) to the store</source>
        <translation>Добавить снимок с дрона или спутника (GeoTIFF, JPEG 2000, …) в хранилище</translation>
    </message>
    <message>
        <source>Add &amp;basemap (MBTiles)…</source>
        <translation>Добавить &amp;подложку (MBTiles)…</translation>
    </message>
    <message>
        <source>Show raster tiles from an MBTiles file</source>
        <translation>Показать растровые тайлы из файла MBTiles</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>Close Baytak</source>
        <translation>Закрыть Baytak</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Приблизить</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Приблизить</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Отдалить</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Отдалить</translation>
    </message>
    <message>
        <source>Zoom to &amp;Kazakhstan</source>
        <translation>Показать &amp;Казахстан</translation>
    </message>
    <message>
        <source>Show the whole of Kazakhstan</source>
        <translation>Показать весь Казахстан</translation>
    </message>
    <message>
        <source>Zoom to &amp;layer</source>
        <translation>Приблизить к &amp;слою</translation>
    </message>
    <message>
        <source>Show the whole of the current layer</source>
        <translation>Показать текущий слой целиком</translation>
    </message>
    <message>
        <source>&amp;Basemap</source>
        <translation>По&amp;дложка</translation>
    </message>
    <message>
        <source>Show or hide the basemap</source>
        <translation>Показать или скрыть подложку</translation>
    </message>
    <message>
        <source>Online &amp;tiles…</source>
        <translation>Онлайн-&amp;тайлы…</translation>
    </message>
    <message>
        <source>Show tiles from an online XYZ server, kept on this computer for offline use</source>
        <translation>Показывать тайлы онлайн-сервера XYZ, сохраняя их на этом компьютере для работы без связи</translation>
    </message>
    <message>
        <source>&amp;About Baytak</source>
        <translation>&amp;О программе Baytak</translation>
    </message>
    <message>
        <source>Versions and data attributions</source>
        <translation>Версии и источники данных</translation>
    </message>
</context>
<context>
    <name>WindowJobs</name>
    <message>
        <source>This file cannot be opened</source>
        <translation>Этот файл не удаётся открыть</translation>
    </message>
    <message>
        <source>Open a store</source>
        <translation>Открыть хранилище</translation>
    </message>
    <message>
        <source>GeoPackage stores (*.gpkg);;All files (*)</source>
        <translation>Хранилища GeoPackage (*.gpkg);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Create a new store</source>
        <translation>Создать новое хранилище</translation>
    </message>
    <message>
        <source>GeoPackage stores (*.gpkg)</source>
        <translation>Хранилища GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>The store cannot be created</source>
        <translation>Не удаётся создать хранилище</translation>
    </message>
    <message>
        <source>Importing {file} into {layer}…</source>
        <translation>Импорт {file} в слой «{layer}»…</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>Ничего не импортировано</translation>
    </message>
    <message>
        <source>Import cancelled: the store is as it was.</source>
        <translation>Импорт отменён: хранилище не изменилось.</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) imported into {layer}.</source>
        <translation>
            <numerusform>В слой «{layer}» импортирован %n объект.</numerusform>
            <numerusform>В слой «{layer}» импортировано %n объекта.</numerusform>
            <numerusform>В слой «{layer}» импортировано %n объектов.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) already there were updated.</source>
        <translation>
            <numerusform>Обновлён %n уже существовавший объект.</numerusform>
            <numerusform>Обновлено %n уже существовавших объекта.</numerusform>
            <numerusform>Обновлено %n уже существовавших объектов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some rows were skipped</source>
        <translation>Некоторые строки пропущены</translation>
    </message>
    <message>
        <source>Add a basemap from an OpenStreetMap extract</source>
        <translation>Добавить подложку из выгрузки OpenStreetMap</translation>
    </message>
    <message>
        <source>OpenStreetMap extracts (*.osm.pbf *.pbf)</source>
        <translation>Выгрузки OpenStreetMap (*.osm.pbf *.pbf)</translation>
    </message>
    <message>
        <source>No basemap was added</source>
        <translation>Подложка не добавлена</translation>
    </message>
    <message>
        <source>Building a basemap from {file}…</source>
        <translation>Построение подложки из {file}…</translation>
    </message>
    <message>
        <source>Basemap cancelled: nothing was added.</source>
        <translation>Подложка отменена: ничего не добавлено.</translation>
    </message>
    <message>
        <source>Basemap {title} added.</source>
        <translation>Подложка {title} добавлена.</translation>
    </message>
    <message>
        <source>Add a drone or satellite image</source>
        <translation>Добавить снимок с дрона или спутника</translation>
    </message>
    <message>
        <source>Images (*.tif *.tiff *.jp2 *.jpg *.jpeg *.png *.img *.vrt);;All files (*)</source>
        <translation>Снимки (*.tif *.tiff *.jp2 *.jpg *.jpeg *.png *.img *.vrt);;Все файлы (*)</translation>
    </message>
    <message>
        <source>When was it taken?</source>
        <translation>Когда сделан снимок?</translation>
    </message>
    <message>
        <source>Date the image was taken (YYYY-MM-DD), or leave empty:</source>
        <translation>Дата съёмки (ГГГГ-ММ-ДД) или оставьте пустым:</translation>
    </message>
    <message>
        <source>No image was added</source>
        <translation>Снимок не добавлен</translation>
    </message>
    <message>
        <source>Adding the image {file}…</source>
        <translation>Добавление снимка {file}…</translation>
    </message>
    <message>
        <source>Image cancelled: nothing was added.</source>
        <translation>Снимок отменён: ничего не добавлено.</translation>
    </message>
    <message>
        <source>Coordinate system of the image</source>
        <translation>Система координат снимка</translation>
    </message>
    <message>
        <source>Image {title} added.</source>
        <translation>Снимок {title} добавлен.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) of the file are invalid, so nothing was imported. Fix them in the file, or import again with “{option}” ticked. The rows and the reasons are in the details.</source>
        <translation>
            <numerusform>%n строка файла содержит ошибки, поэтому ничего не импортировано. Исправьте её в файле или импортируйте снова, отметив «{option}». Строки и причины — в подробностях.</numerusform>
            <numerusform>%n строки файла содержат ошибки, поэтому ничего не импортировано. Исправьте их в файле или импортируйте снова, отметив «{option}». Строки и причины — в подробностях.</numerusform>
            <numerusform>%n строк файла содержат ошибки, поэтому ничего не импортировано. Исправьте их в файле или импортируйте снова, отметив «{option}». Строки и причины — в подробностях.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were invalid and skipped.</source>
        <translation>
            <numerusform>%n строка с ошибками пропущена.</numerusform>
            <numerusform>%n строки с ошибками пропущены.</numerusform>
            <numerusform>%n строк с ошибками пропущено.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting {layer} to {file}…</source>
        <translation>Экспорт слоя «{layer}» в {file}…</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) exported to {file}.</source>
        <translation>
            <numerusform>В {file} экспортирован %n объект.</numerusform>
            <numerusform>В {file} экспортировано %n объекта.</numerusform>
            <numerusform>В {file} экспортировано %n объектов.</numerusform>
        </translation>
    </message>
    <message>
        <source>The layer was not exported</source>
        <translation>Слой не экспортирован</translation>
    </message>
    <message>
        <source>Imported, with notes</source>
        <translation>Импортировано, есть замечания</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were already in the store as they are in the file.</source>
        <translation>
            <numerusform>%n строка уже была в хранилище такой же, как в файле.</numerusform>
            <numerusform>%n строки уже были в хранилище такими же, как в файле.</numerusform>
            <numerusform>%n строк уже были в хранилище такими же, как в файле.</numerusform>
        </translation>
    </message>
    <message>
        <source>Text read as {encoding}.</source>
        <translation>Текст прочитан как {encoding}.</translation>
    </message>
    <message>
        <source>Not imported (no field takes them): {columns}</source>
        <translation>Не импортированы (ни одно поле их не принимает): {columns}</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Заменить файл?</translation>
    </message>
    <message>
        <source>{file} already exists. Replace it? (In a GeoPackage only the layer {layer} is replaced; a Baytak store is never replaced.)</source>
        <translation>{file} уже существует. Заменить его? (В GeoPackage заменяется только слой {layer}; хранилище Baytak не заменяется никогда.)</translation>
    </message>
    <message>
        <source>Export cancelled: no file was written.</source>
        <translation>Экспорт отменён: файл не записан.</translation>
    </message>
    <message>
        <source>Some features were not exported</source>
        <translation>Некоторые объекты не экспортированы</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) could not be written.</source>
        <translation>
            <numerusform>%n объект не удалось записать.</numerusform>
            <numerusform>%n объекта не удалось записать.</numerusform>
            <numerusform>%n объектов не удалось записать.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a basemap</source>
        <translation>Добавить подложку</translation>
    </message>
    <message>
        <source>MBTiles files (*.mbtiles)</source>
        <translation>Файлы MBTiles (*.mbtiles)</translation>
    </message>
</context>
</TS>
