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
</TS>
