<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>DomainMessages</name>
    <message>
        <source>This is a feature of the demo (illustrative data); it is not imported into a real store.</source>
        <translation>Это объект демо (условные данные); он не импортируется в рабочее хранилище.</translation>
    </message>
    <message>
        <source>{program} has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or cancel the edits there (or close the file in it), then try again.</source>
        <translation>{program} удерживает {path} уже {seconds:.0f} с, поэтому здесь ничего не изменено. Сохраните или отмените правки там (или закройте в ней файл) и попробуйте снова.</translation>
    </message>
    <message>
        <source>Another program has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or cancel the edits there (or close the file in it), then try again.</source>
        <translation>Другая программа удерживает {path} уже {seconds:.0f} с, поэтому здесь ничего не изменено. Сохраните или отмените правки там (или закройте в ней файл) и попробуйте снова.</translation>
    </message>
    <message>
        <source>{store} is the demo store: its sites are illustrative and never go to a server. Create the store of your branch (baytak init FILE.gpkg) and sign that one in.</source>
        <translation>{store} — демонстрационное хранилище: его объекты условны и никогда не отправляются на сервер. Создайте хранилище своего филиала (baytak init FILE.gpkg) и подключите к серверу его.</translation>
    </message>
</context>
</TS>
