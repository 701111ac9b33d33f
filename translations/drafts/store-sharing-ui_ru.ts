<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
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
        <source>Create my branch's store…</source>
        <translation>Создать хранилище моего филиала…</translation>
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
        <source>Recorded as &quot;Created by&quot; and &quot;Changed by&quot; of the features you add and change. Leave empty to use the name you sign in with, or this computer's user name.</source>
        <translation>Записывается в поля «Кем создано» и «Кем изменено» добавленных и изменённых вами объектов. Оставьте пустым, чтобы использовать имя, под которым вы входите на сервер, или имя пользователя этого компьютера.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Baytak — {name} (demo store: illustrative data)</source>
        <translation>Baytak — {name} (демонстрационное хранилище: условные данные)</translation>
    </message>
    <message>
        <source>A sync with the server</source>
        <translation>Синхронизация с сервером</translation>
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
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Demo store: illustrative data, never synced</source>
        <translation>Демонстрационное хранилище: условные данные, не синхронизируется</translation>
    </message>
</context>
<context>
    <name>LockWait</name>
    <message>
        <source>{program} (process {pid})</source>
        <translation>{program} (процесс {pid})</translation>
    </message>
    <message>
        <source> and </source>
        <translation> и </translation>
    </message>
    <message>
        <source>another program</source>
        <translation>другая программа</translation>
    </message>
    <message>
        <source>Waiting for {program}, which has the store open for writing ({seconds} s)…</source>
        <translation>Ожидание: {program} держит хранилище открытым для записи ({seconds} с)…</translation>
    </message>
</context>
</TS>
