<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ChartsDock</name>
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
</context>
</TS>
