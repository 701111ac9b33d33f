<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
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
</context>
<context>
    <name>DomainMessages</name>
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
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <source>Must be from {minimum} to {maximum}</source>
        <translation>Должно быть от {minimum} до {maximum}</translation>
    </message>
</context>
<context>
    <name>FeatureFormPanel</name>
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
</context>
<context>
    <name>JobProgress</name>
    <message>
        <source>Reading the file…</source>
        <translation>Чтение файла…</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Проверка каждой строки…</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>Запись файла…</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Position: {position}</source>
        <translation>Положение: {position}</translation>
    </message>
</context>
<context>
    <name>WindowJobs</name>
    <message numerus="yes">
        <source>%n row(s) of the file are invalid, so nothing was imported. Fix them in the file, or import again with “{option}” ticked. The rows and the reasons are in the details.</source>
        <translation>
            <numerusform>%n строка файла содержит ошибки, поэтому ничего не импортировано. Исправьте её в файле или импортируйте снова, отметив «{option}». Строки и причины — в подробностях.</numerusform>
            <numerusform>%n строки файла содержат ошибки, поэтому ничего не импортировано. Исправьте их в файле или импортируйте снова, отметив «{option}». Строки и причины — в подробностях.</numerusform>
            <numerusform>%n строк файла содержат ошибки, поэтому ничего не импортировано. Исправьте их в файле или импортируйте снова, отметив «{option}». Строки и причины — в подробностях.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} (demo store: illustrative data)</source>
        <translation>{name} (демонстрационное хранилище: условные данные)</translation>
    </message>
</context>
</TS>
