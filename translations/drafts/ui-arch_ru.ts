<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>DomainMessages</name>
    <message>
        <source>The exhibit painter is not installed (no entry point {name} in {group}); reinstall baytak-desktop.</source>
        <translation>Модуль отрисовки материалов не установлен (нет точки входа {name} в группе {group}); переустановите baytak-desktop.</translation>
    </message>
</context>
</TS>
