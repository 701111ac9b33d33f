<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
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
        <source>Create my branch's store…</source>
        <translation>Филиалымның қоймасын жасау…</translation>
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
        <source>Recorded as &quot;Created by&quot; and &quot;Changed by&quot; of the features you add and change. Leave empty to use the name you sign in with, or this computer's user name.</source>
        <translation>Сіз қосқан және өзгерткен нысандардың «Кім жасады» және «Кім өзгертті» өрістеріне жазылады. Серверге кіретін атыңызды немесе осы компьютердегі пайдаланушы атын қолдану үшін бос қалдырыңыз.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Baytak — {name} (demo store: illustrative data)</source>
        <translation>Baytak — {name} (демо қойма: мысал деректер)</translation>
    </message>
    <message>
        <source>A sync with the server</source>
        <translation>Сервермен синхрондау</translation>
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
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Demo store: illustrative data, never synced</source>
        <translation>Демо қойма: мысал деректер, ешқашан синхрондалмайды</translation>
    </message>
</context>
<context>
    <name>LockWait</name>
    <message>
        <source>{program} (process {pid})</source>
        <translation>{program} ({pid} процесі)</translation>
    </message>
    <message>
        <source> and </source>
        <translation> және </translation>
    </message>
    <message>
        <source>another program</source>
        <translation>басқа бағдарлама</translation>
    </message>
    <message>
        <source>Waiting for {program}, which has the store open for writing ({seconds} s)…</source>
        <translation>Қойманы жазу үшін ашып отырған {program} күтілуде ({seconds} с)…</translation>
    </message>
</context>
</TS>
