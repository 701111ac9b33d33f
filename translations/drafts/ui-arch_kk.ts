<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>DomainMessages</name>
    <message>
        <source>The exhibit painter is not installed (no entry point {name} in {group}); reinstall baytak-desktop.</source>
        <translation>Дәлелдерді салатын бөлік орнатылмаған ({group} тобында {name} кіру нүктесі жоқ); baytak-desktop-ты қайта орнатыңыз.</translation>
    </message>
</context>
</TS>
