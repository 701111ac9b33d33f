<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>DomainMessages</name>
    <message>
        <source>The server database was written by a newer baytak server (schema {found}, this one knows {known}); update the server program.</source>
        <translation>База данных сервера записана более новой версией сервера baytak (схема {found}, эта версия знает {known}); обновите программу сервера.</translation>
    </message>
    <message>
        <source>This database was written by a newer version of Baytak (schema {found}, this one knows {known}); update the program.</source>
        <translation>Эта база данных записана более новой версией Baytak (схема {found}, эта версия знает {known}); обновите программу.</translation>
    </message>
</context>
</TS>
