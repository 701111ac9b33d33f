<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>DateEditor</name>
    <message>
        <source>e.g. {date} or {iso}</source>
        <translation>мысалы, {date} немесе {iso}</translation>
    </message>
    <message>
        <source>Choose in a calendar</source>
        <translation>Күнтізбеден таңдау</translation>
    </message>
</context>
<context>
    <name>FeatureForm</name>
    <message>
        <source>Must be from {minimum} to {maximum}</source>
        <translation>{minimum} мен {maximum} аралығында болуы керек</translation>
    </message>
</context>
<context>
    <name>FeatureFormPanel</name>
    <message>
        <source>Photos ({count})</source>
        <translation>Фотосуреттер ({count})</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Фотосуреттер</translation>
    </message>
    <message>
        <source>Show or hide the photos of this feature</source>
        <translation>Осы нысанның фотосуреттерін көрсету немесе жасыру</translation>
    </message>
</context>
</TS>
