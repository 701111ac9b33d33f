<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>DomainMessages</name>
    <message>
        <source>The server {server} keeps refusing the upload of attachment {sha256} at byte {offset}. Your edits and the file are safe on this computer; sync again later, or tell the server&apos;s administrator.</source>
        <translation>{server} сервері {sha256} тіркемесін {offset}-байттан бастап жүктеуді қайта-қайта қабылдамай тұр. Түзетулеріңіз бен файл осы компьютерде сақтаулы; кейінірек қайта синхрондаңыз немесе сервер әкімшісіне хабарлаңыз.</translation>
    </message>
    <message>
        <source>a feature must keep a geometry; it cannot be set to null</source>
        <translation>нысанның геометриясы сақталуы керек; оны бос (null) етуге болмайды</translation>
    </message>
    <message>
        <source>contains the character {code} (at position {position}), which text cannot hold; remove it</source>
        <translation>мәтінде болмайтын {code} таңбасы бар ({position}-орында); оны өшіріңіз</translation>
    </message>
    <message>
        <source>curved geometries (type {code}) are not accepted; convert the curves to lines</source>
        <translation>қисық сызықты геометриялар ({code} түрі) қабылданбайды; доғаларды сынық сызықтарға айналдырыңыз</translation>
    </message>
    <message>
        <source>the geometry is not hex-encoded WKB</source>
        <translation>геометрия он алтылық жүйеде жазылған WKB емес</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB</source>
        <translation>геометрия дұрыс WKB емес</translation>
    </message>
    <message>
        <source>the geometry is not valid WKB of a linear geometry</source>
        <translation>геометрия сызықтық геометрияның дұрыс WKB жазбасы емес</translation>
    </message>
    <message>
        <source>the geometry must be hex-encoded WKB text, not {value}</source>
        <translation>геометрия он алтылық жүйеде жазылған WKB мәтіні болуы керек, {value} емес</translation>
    </message>
    <message>
        <source>{value} is not a date and time written YYYY-MM-DDTHH:MM:SS.sssZ (only this spelling is accepted)</source>
        <translation>{value} — YYYY-MM-DDTHH:MM:SS.sssZ түрінде жазылған күн мен уақыт емес (тек осы жазылу қабылданады)</translation>
    </message>
    <message>
        <source>{value} is not a date written YYYY-MM-DD (only this spelling is accepted)</source>
        <translation>{value} — YYYY-MM-DD (жыл-ай-күн) түрінде жазылған күн емес (тек осы жазылу қабылданады)</translation>
    </message>
    <message>
        <source>{value} is not a finite number</source>
        <translation>{value} — шектеулі сан емес</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} — сан емес</translation>
    </message>
    <message>
        <source>{value} is not a value: send text, a number or a date</source>
        <translation>{value} — мән емес: мәтін, сан немесе күн жіберіңіз</translation>
    </message>
    <message>
        <source>{value} is not text; send it as text</source>
        <translation>{value} — мәтін емес; мәнді мәтін ретінде жіберіңіз</translation>
    </message>
    <message>
        <source>{value} is too large for a number</source>
        <translation>{value} — сан үшін тым үлкен</translation>
    </message>
    <message>
        <source>{value} is too large for a whole number</source>
        <translation>{value} — бүтін сан үшін тым үлкен</translation>
    </message>
</context>
</TS>
