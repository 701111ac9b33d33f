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
    <name>DomainMessages</name>
    <message>
        <source>geometry</source>
        <translation>геометрия</translation>
    </message>
    <message>
        <source>Your sign-in to {server} has expired or was revoked ({reason}): sign in again with Sync › Connect to server…. Your edits are safe on this computer.</source>
        <translation>{server} серверіне кіруіңіздің мерзімі өтті немесе ол қайтарылды ({reason}): Синхрондау › Серверге қосылу… арқылы қайта кіріңіз. Түзетулеріңіз осы компьютерде сақтаулы.</translation>
    </message>
    <message>
        <source>Conflict {id} was already resolved on the server; the next sync brings its outcome.</source>
        <translation>{id} қайшылығы серверде шешіліп қойған; нәтижесін келесі синхрондау әкеледі.</translation>
    </message>
    <message>
        <source>There is no conflict {id} in {store}; the Conflicts panel lists them.</source>
        <translation>{store} ішінде {id} қайшылығы жоқ; олардың тізімі «Қайшылықтар» панелінде.</translation>
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
<context>
    <name>JobProgress</name>
    <message>
        <source>Reading the file…</source>
        <translation>Файл оқылуда…</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Әр жол тексерілуде…</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>Файл жазылуда…</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Position: {position}</source>
        <translation>Орны: {position}</translation>
    </message>
</context>
<context>
    <name>WindowJobs</name>
    <message numerus="yes">
        <source>%n row(s) of the file are invalid, so nothing was imported. Fix them in the file, or import again with “{option}” ticked. The rows and the reasons are in the details.</source>
        <translation>
            <numerusform>Файлдың %n жолы қате, сондықтан ештеңе импортталмады. Оларды файлда түзетіңіз немесе «{option}» белгісін қойып, қайта импорттаңыз. Жолдар мен себептері — толығырақ бөлімінде.</numerusform>
            <numerusform>Файлдың %n жолы қате, сондықтан ештеңе импортталмады. Оларды файлда түзетіңіз немесе «{option}» белгісін қойып, қайта импорттаңыз. Жолдар мен себептері — толығырақ бөлімінде.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} (demo store: illustrative data)</source>
        <translation>{name} (демо қойма: мысал деректер)</translation>
    </message>
</context>
</TS>
