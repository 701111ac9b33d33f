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
</TS>
