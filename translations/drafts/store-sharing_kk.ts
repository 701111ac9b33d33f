<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="kk_KZ">
<context>
    <name>DomainMessages</name>
    <message>
        <source>This is a feature of the demo (illustrative data); it is not imported into a real store.</source>
        <translation>Бұл демо нысаны (мысал ретіндегі деректер); ол нақты қоймаға импортталмайды.</translation>
    </message>
    <message>
        <source>{program} has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or cancel the edits there (or close the file in it), then try again.</source>
        <translation>{program} {path} файлын {seconds:.0f} с бойы ұстап тұр, сондықтан мұнда ештеңе өзгертілмеді. Ондағы өзгерістерді сақтаңыз не болдырмаңыз (немесе файлды онда жабыңыз), содан кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>Another program has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or cancel the edits there (or close the file in it), then try again.</source>
        <translation>Басқа бағдарлама {path} файлын {seconds:.0f} с бойы ұстап тұр, сондықтан мұнда ештеңе өзгертілмеді. Ондағы өзгерістерді сақтаңыз не болдырмаңыз (немесе файлды онда жабыңыз), содан кейін қайталаңыз.</translation>
    </message>
    <message>
        <source>{store} is the demo store: its sites are illustrative and never go to a server. Create the store of your branch (baytak init FILE.gpkg) and sign that one in.</source>
        <translation>{store} — демо қойма: ондағы нысандар тек мысал үшін және серверге ешқашан жіберілмейді. Филиалыңыздың қоймасын жасаңыз (baytak init FILE.gpkg) және серверге соны қосыңыз.</translation>
    </message>
</context>
</TS>
