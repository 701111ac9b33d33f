<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>GpsActions</name>
    <message numerus="yes">
        <source>%n satellite(s)</source>
        <translation>
            <numerusform>%n satellite</numerusform>
            <numerusform>%n satellites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>track paused, %n point(s)</source>
        <translation>
            <numerusform>track paused, %n point</numerusform>
            <numerusform>track paused, %n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>recording, %n point(s)</source>
        <translation>
            <numerusform>recording, %n point</numerusform>
            <numerusform>recording, %n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n min ago</numerusform>
            <numerusform>%n min ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n h ago</numerusform>
            <numerusform>%n h ago</numerusform>
        </translation>
    </message>
</context>
</TS>
