<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DomainMessages</name>
    <message>
        <source>The server {server} keeps refusing the upload of attachment {sha256} at byte {offset}. Your edits and the file are safe on this computer; sync again later, or tell the server&apos;s administrator.</source>
        <translation>The server {server} keeps refusing the upload of attachment {sha256} at byte {offset}. Your edits and the file are safe on this computer; sync again later, or tell the server&apos;s administrator.</translation>
    </message>
    <message>
        <source>a feature must keep a geometry; it cannot be set to null</source>
        <translation>a feature must keep a geometry; it cannot be set to null</translation>
    </message>
    <message>
        <source>contains the character {code} (at position {position}), which text cannot hold; remove it</source>
        <translation>contains the character {code} (at position {position}), which text cannot hold; remove it</translation>
    </message>
    <message>
        <source>curved geometries (type {code}) are not accepted; convert the curves to lines</source>
        <translation>curved geometries (type {code}) are not accepted; convert the curves to lines</translation>
    </message>
    <message>
        <source>the geometry is not hex-encoded WKB</source>
        <translation>the geometry is not hex-encoded WKB</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB</source>
        <translation>the geometry is not valid WKB</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB of a linear geometry</source>
        <translation>the geometry is not valid WKB of a linear geometry</translation>
    </message>
    <message>
        <source>the geometry must be hex-encoded WKB text, not {value}</source>
        <translation>the geometry must be hex-encoded WKB text, not {value}</translation>
    </message>
    <message>
        <source>{value} is not a date and time written YYYY-MM-DDTHH:MM:SS.sssZ (only this spelling is accepted)</source>
        <translation>{value} is not a date and time written YYYY-MM-DDTHH:MM:SS.sssZ (only this spelling is accepted)</translation>
    </message>
    <message>
        <source>{value} is not a date written YYYY-MM-DD (only this spelling is accepted)</source>
        <translation>{value} is not a date written YYYY-MM-DD (only this spelling is accepted)</translation>
    </message>
    <message>
        <source>{value} is not a finite number</source>
        <translation>{value} is not a finite number</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} is not a number</translation>
    </message>
    <message>
        <source>{value} is not a value: send text, a number or a date</source>
        <translation>{value} is not a value: send text, a number or a date</translation>
    </message>
    <message>
        <source>{value} is not text; send it as text</source>
        <translation>{value} is not text; send it as text</translation>
    </message>
    <message>
        <source>{value} is too large for a number</source>
        <translation>{value} is too large for a number</translation>
    </message>
    <message>
        <source>{value} is too large for a whole number</source>
        <translation>{value} is too large for a whole number</translation>
    </message>
</context>
</TS>
