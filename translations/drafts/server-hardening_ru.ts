<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>DomainMessages</name>
    <message>
        <source>The server {server} keeps refusing the upload of attachment {sha256} at byte {offset}. Your edits and the file are safe on this computer; sync again later, or tell the server&apos;s administrator.</source>
        <translation>Сервер {server} раз за разом отклоняет загрузку вложения {sha256} с байта {offset}. Ваши правки и файл сохранены на этом компьютере; синхронизируйте позже или сообщите администратору сервера.</translation>
    </message>
    <message>
        <source>a feature must keep a geometry; it cannot be set to null</source>
        <translation>у объекта должна остаться геометрия; её нельзя сделать пустой (null)</translation>
    </message>
    <message>
        <source>contains the character {code} (at position {position}), which text cannot hold; remove it</source>
        <translation>содержит символ {code} (в позиции {position}), которого не может быть в тексте; удалите его</translation>
    </message>
    <message>
        <source>curved geometries (type {code}) are not accepted; convert the curves to lines</source>
        <translation>криволинейные геометрии (тип {code}) не принимаются; преобразуйте дуги в ломаные линии</translation>
    </message>
    <message>
        <source>the geometry is not hex-encoded WKB</source>
        <translation>геометрия не является WKB в шестнадцатеричной записи</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB</source>
        <translation>геометрия не является корректным WKB</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB of a linear geometry</source>
        <translation>геометрия не является корректным WKB линейной геометрии</translation>
    </message>
    <message>
        <source>the geometry must be hex-encoded WKB text, not {value}</source>
        <translation>геометрия должна быть текстом WKB в шестнадцатеричной записи, а не {value}</translation>
    </message>
    <message>
        <source>{value} is not a date and time written YYYY-MM-DDTHH:MM:SS.sssZ (only this spelling is accepted)</source>
        <translation>{value} — не дата и время в виде YYYY-MM-DDTHH:MM:SS.sssZ (принимается только такая запись)</translation>
    </message>
    <message>
        <source>{value} is not a date written YYYY-MM-DD (only this spelling is accepted)</source>
        <translation>{value} — не дата в виде YYYY-MM-DD (год-месяц-день; принимается только такая запись)</translation>
    </message>
    <message>
        <source>{value} is not a finite number</source>
        <translation>{value} — не конечное число</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} — не число</translation>
    </message>
    <message>
        <source>{value} is not a value: send text, a number or a date</source>
        <translation>{value} — не значение: передайте текст, число или дату</translation>
    </message>
    <message>
        <source>{value} is not text; send it as text</source>
        <translation>{value} — не текст; передайте значение как текст</translation>
    </message>
    <message>
        <source>{value} is too large for a number</source>
        <translation>{value} — слишком большое число</translation>
    </message>
    <message>
        <source>{value} is too large for a whole number</source>
        <translation>{value} — слишком большое для целого числа</translation>
    </message>
</context>
</TS>
