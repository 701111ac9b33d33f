<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>DomainMessages</name>
    <message>
        <source>The server database was written by a newer baytak server (schema {found}, this one knows {known}); update the server program.</source>
        <translation>Сервер дерекқорын baytak серверінің жаңарақ нұсқасы жазған (схема {found}, бұл нұсқа {known} біледі); сервер бағдарламасын жаңартыңыз.</translation>
    </message>
    <message>
        <source>This database was written by a newer version of Baytak (schema {found}, this one knows {known}); update the program.</source>
        <translation>Бұл дерекқорды Baytak-тың жаңарақ нұсқасы жазған (схема {found}, бұл нұсқа {known} біледі); бағдарламаны жаңартыңыз.</translation>
    </message>
</context>
</TS>
