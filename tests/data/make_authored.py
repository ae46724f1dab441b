#!/usr/bin/env python3
"""Build tests/data/authored.jsonl: 120 hand-written French sentences annotated
with PER / ORG / LOC / WEAPON (and ORG|LOC for metonymic seats of power).

Each record is (text, [(surface, label[, skip]), ...]); entities are listed in
textual order and located left-to-right in the text (whole-word match, starting
after the previous entity), so offsets are exact. `skip` skips that many
matching occurrences first. Follows /work/shared/data/ANNOTATION.md.
Writes only tests/data/authored.jsonl (next to this script).
"""

import json
import os
import sys
import unicodedata

P, O, L, W, OL = "PER", "ORG", "LOC", "WEAPON", "ORG|LOC"

DOCS = [
    # 1
    (
        "Le ministre polonais de la Défense, Władysław Kosiniak-Kamysz, a annoncé jeudi à Varsovie la commande de 96 obusiers Krab supplémentaires auprès de Huta Stalowa Wola. Les premiers exemplaires doivent rejoindre la 18e division mécanisée dès l’an prochain. Varsovie vise à terme plus de 1 300 pièces d’artillerie, soit davantage que l’Allemagne, la France et le Royaume-Uni réunis.",
        [
            ("Władysław Kosiniak-Kamysz", P),
            ("Varsovie", L),
            ("Krab", W),
            ("Huta Stalowa Wola", O),
            ("18e division mécanisée", O),
            ("Varsovie", L),
            ("Allemagne", L),
            ("France", L),
            ("Royaume-Uni", L),
        ],
    ),
    # 2
    (
        "Selon l’agence PAP, les soldats polonais déployés près de la frontière biélorusse ont reçu de nouveaux lots de missiles sol-air portables Piorun, produits par le groupe Mesko à Skarżysko-Kamienna.",
        [("PAP", O), ("Piorun", W), ("Mesko", O), ("Skarżysko-Kamienna", L)],
    ),
    # 3
    (
        "Séoul a confirmé la livraison à la Pologne de 24 obusiers automoteurs K9 Thunder et de 18 lance-roquettes Chunmoo, dont Hanwha Aerospace prévoit d’assembler une partie localement à partir de 2026.",
        [("Séoul", L), ("Pologne", L), ("K9 Thunder", W), ("Chunmoo", W), ("Hanwha Aerospace", O)],
    ),
    # 4
    (
        "À Prague, le gouvernement tchèque a validé la modernisation de ses canons automoteurs Dana, qui seront remplacés à terme par le Dita développé par Excalibur Army.",
        [("Prague", L), ("Dana", W), ("Dita", W), ("Excalibur Army", O)],
    ),
    # 5
    (
        "Stockholm a transféré à l’Ukraine plusieurs systèmes d’artillerie Archer, des canons de 155 mm montés sur châssis Volvo et conçus par BAE Systems Bofors, capables de tirer trois obus en moins de quinze secondes.",
        [("Stockholm", L), ("Ukraine", L), ("Archer", W), ("Volvo", O), ("BAE Systems Bofors", O)],
    ),
    # 6
    (
        "Les véhicules de combat d’infanterie CV90 commandés par Prague et Bratislava seront équipés d’une tourelle E35. Leur constructeur, BAE Systems Hägglunds, basé à Örnsköldsvik, revendique plus de 1 400 exemplaires vendus en Europe.",
        [
            ("CV90", W),
            ("Prague", L),
            ("Bratislava", L),
            ("BAE Systems Hägglunds", O),
            ("Örnsköldsvik", L),
            ("Europe", L),
        ],
    ),
    # 7
    (
        "Le finlandais Patria a remporté un nouveau contrat pour ses blindés à roues Patria AMV XP, destinés au Japon, Tokyo souhaitant remplacer ses anciens Type 96 d’ici la fin de la décennie.",
        [("Patria", O), ("Patria AMV XP", W), ("Japon", L), ("Tokyo", L), ("Type 96", W)],
    ),
    # 8
    (
        "Au Brésil, Avibras traverse une grave crise financière malgré le succès à l’export de son lance-roquettes multiple Astros II, vendu notamment à l’Arabie saoudite et à l’Indonésie.",
        [("Brésil", L), ("Avibras", O), ("Astros II", W), ("Arabie saoudite", L), ("Indonésie", L)],
    ),
    # 9
    (
        "L’Inde a fait voler le premier exemplaire de série du Tejas Mk1A, construit par Hindustan Aeronautics Limited (HAL) à Bangalore, même si New Delhi attend toujours les moteurs F404 promis par General Electric.",
        [
            ("Inde", L),
            ("Tejas Mk1A", W),
            ("Hindustan Aeronautics Limited", O),
            ("HAL", O),
            ("Bangalore", L),
            ("New Delhi", L),
            ("General Electric", O),
        ],
    ),
    # 10
    (
        "Le DRDO a procédé à un tir d'entraînement d'un missile balistique à courte portée Prithvi-II depuis l'île Abdul Kalam, au large de l'Odisha.",
        [("DRDO", O), ("Prithvi-II", W), ("île Abdul Kalam", L), ("Odisha", L)],
    ),
    # 11
    (
        "Lors du défilé du 23 mars à Islamabad, la Pakistan Air Force a fait passer une formation de JF-17 Thunder Block III, tandis que des lanceurs du missile de croisière Babur défilaient sur le terrain de parade de Shakarparian.",
        [
            ("Islamabad", L),
            ("Pakistan Air Force", O),
            ("JF-17 Thunder Block III", W),
            ("Babur", W),
            ("Shakarparian", L),
        ],
    ),
    # 12
    (
        "Pékin a déployé de nouveaux chasseurs furtifs J-20 sur la base de Wuhu, face au détroit de Taïwan, selon des images satellites analysées par le CSIS.",
        [("Pékin", L), ("J-20", W), ("Wuhu", L), ("détroit de Taïwan", L), ("CSIS", O)],
    ),
    # 13
    (
        "Les batteries HQ-9 installées sur les îles Paracels inquiètent Hanoï : dérivé selon certains experts du S-300 russe, ce système sol-air chinois aurait une portée de 200 km.",
        [("HQ-9", W), ("îles Paracels", L), ("Hanoï", L), ("S-300", W)],
    ),
    # 14
    (
        "Présenté lors du défilé de 2019 à Pékin, le DF-17 est le premier missile chinois doté d’un planeur hypersonique opérationnel, et le Pentagone estime que l’Armée populaire de libération en alignerait désormais plusieurs brigades.",
        [("Pékin", L), ("DF-17", W), ("Pentagone", OL), ("Armée populaire de libération", O)],
    ),
    # 15
    (
        "Le missile air-air PL-15, qui équipe les J-10C pakistanais, aurait été utilisé au combat pour la première fois lors des affrontements de mai avec l’Inde, selon des débris retrouvés au Pendjab.",
        [("PL-15", W), ("J-10C", W), ("Inde", L), ("Pendjab", L)],
    ),
    # 16
    (
        "Téhéran a exposé le missile balistique Fateh-110 et le drone kamikaze Arash-2 lors d’une cérémonie présidée par le général Hossein Salami, alors commandant des Gardiens de la révolution.",
        [("Téhéran", L), ("Fateh-110", W), ("Arash-2", W), ("Hossein Salami", P), ("Gardiens de la révolution", O)],
    ),
    # 17
    (
        "Les artilleurs de la 43e brigade d’artillerie ont reçu un nouveau lot d’obusiers Bohdana, entièrement produits en Ukraine. Le canon automoteur, monté sur un châssis du constructeur KrAZ, avait fait ses preuves dès 2022 lors de la reprise de l’île aux Serpents.",
        [("43e brigade d’artillerie", O), ("Bohdana", W), ("Ukraine", L), ("KrAZ", O), ("île aux Serpents", L)],
    ),
    # 18
    (
        "Un soldat de la 93e brigade mécanisée Kholodny Yar raconte avoir détruit deux T-72B3M avec un missile antichar Stugna-P, conçu par le bureau d’études Luch à Kiev.",
        [("93e brigade mécanisée Kholodny Yar", O), ("T-72B3M", W), ("Stugna-P", W), ("Luch", O), ("Kiev", L)],
    ),
    # 19
    (
        "Kiev multiplie les frappes en profondeur : après le drone-missile Bars, c’est un missile de croisière R-360 Neptune modernisé qui aurait touché une raffinerie à Tuapse, sur la côte de la mer Noire. Le ministère russe de la Défense affirme avoir abattu « tous les engins ». Aucune vérification indépendante n’a pu être effectuée.",
        [
            ("Kiev", L),
            ("Bars", W),
            ("R-360 Neptune", W),
            ("Tuapse", L),
            ("mer Noire", L),
            ("ministère russe de la Défense", O),
        ],
    ),
    # 20
    (
        "Selon le renseignement militaire ukrainien (GUR), Moscou a déplacé plusieurs lance-roquettes Tornado-S vers la région de Belgorod, ces systèmes héritiers du BM-30 Smerch pouvant frapper à plus de 120 km.",
        [("GUR", O), ("Moscou", L), ("Tornado-S", W), ("Belgorod", L), ("BM-30 Smerch", W)],
    ),
    # 21
    (
        "Les bombardiers Su-34 russes larguent désormais quotidiennement des bombes planantes FAB-500 sur Kharkiv ; pour les contrer, Kiev réclame davantage de F-16 et de missiles AIM-120.",
        [("Su-34", W), ("FAB-500", W), ("Kharkiv", L), ("Kiev", L), ("F-16", W), ("AIM-120", W)],
    ),
    # 22
    (
        "Un hélicoptère d’attaque Ka-52 « Alligator » a été abattu près de Robotyne, a revendiqué l’état-major ukrainien, qui estime à plus de quarante le nombre d’appareils de ce type perdus depuis février 2022.",
        [("Ka-52", W), ("Alligator", W), ("Robotyne", L)],
    ),
    # 23
    (
        "Fabriquée par ZALA Aero, filiale de Kalachnikov, la munition rôdeuse Lancet-3 est devenue la bête noire des artilleurs ukrainiens. Près de Koupiansk, elle vise en priorité les M777 et les Krab livrés par les alliés.",
        [("ZALA Aero", O), ("Kalachnikov", O), ("Lancet-3", W), ("Koupiansk", L), ("M777", W), ("Krab", W)],
    ),
    # 24
    (
        "Dans la nuit, les bombardiers Tu-22M3 ont tiré au moins six missiles Kh-22 sur Dnipro et Odessa, des engins conçus à l’époque soviétique pour frapper les porte-avions américains et réputés très imprécis contre des cibles terrestres.",
        [("Tu-22M3", W), ("Kh-22", W), ("Dnipro", L), ("Odessa", L)],
    ),
    # 25
    (
        "Le drone MALE Orion, développé par Kronstadt, reste produit en petite série, Moscou lui préférant les drones iraniens Shahed-136, rebaptisés Geran-2 et assemblés à Alabouga, au Tatarstan.",
        [
            ("Orion", W),
            ("Kronstadt", O),
            ("Moscou", L),
            ("Shahed-136", W),
            ("Geran-2", W),
            ("Alabouga", L),
            ("Tatarstan", L),
        ],
    ),
    # 26
    (
        "Uralvagonzavod a livré un nouveau lot d’obusiers automoteurs Malva, montés sur roues, tandis que le 2S35 Koalitsiya-SV peine toujours à entrer en service en nombre, selon le blog spécialisé Oryx.",
        [("Uralvagonzavod", O), ("Malva", W), ("2S35 Koalitsiya-SV", W), ("Oryx", O)],
    ),
    # 27
    (
        "Le drone Bayraktar TB3 a réalisé son premier appontage sur le TCG Anadolu, en mer Égée. Selçuk Bayraktar, directeur technique de Baykar, a salué « une première mondiale ».",
        [("Bayraktar TB3", W), ("TCG Anadolu", W), ("mer Égée", L), ("Selçuk Bayraktar", P), ("Baykar", O)],
    ),
    # 28
    (
        "Turkish Aerospace a dévoilé le drone de combat furtif Anka-3, une aile volante propulsée par un réacteur qu’Ankara espère exporter vers l’Indonésie et la Malaisie.",
        [("Turkish Aerospace", O), ("Anka-3", W), ("Ankara", L), ("Indonésie", L), ("Malaisie", L)],
    ),
    # 29
    (
        "Les systèmes de défense aérienne Hisar-O et Siper, développés par Aselsan et Roketsan, formeront l’ossature de la défense aérienne multicouche d’Ankara.",
        [("Hisar-O", W), ("Siper", W), ("Aselsan", O), ("Roketsan", O), ("Ankara", L)],
    ),
    # 30
    (
        "Washington a approuvé la vente à Taïwan de 29 lanceurs HIMARS supplémentaires et de munitions ATACMS, pour un montant de 1,1 milliard de dollars, a annoncé la Defense Security Cooperation Agency (DSCA).",
        [
            ("Washington", L),
            ("Taïwan", L),
            ("HIMARS", W),
            ("ATACMS", W),
            ("Defense Security Cooperation Agency", O),
            ("DSCA", O),
        ],
    ),
    # 31
    (
        "L'US Army a décidé de retirer progressivement ses drones MQ-1C Gray Eagle, jugés trop vulnérables face à des défenses sol-air modernes, alors que General Atomics propose une version améliorée, le Gray Eagle 25M.",
        [("US Army", O), ("MQ-1C Gray Eagle", W), ("General Atomics", O), ("Gray Eagle 25M", W)],
    ),
    # 32
    (
        "Les F-16 ukrainiens emportent des missiles antiradars AGM-88 HARM, intégrés à la hâte pour neutraliser les radars des batteries S-400 et Buk-M3 déployées dans le sud.",
        [("F-16", W), ("AGM-88 HARM", W), ("S-400", W), ("Buk-M3", W)],
    ),
    # 33
    (
        "Le programme de missile intercontinental LGM-35A Sentinel, conduit par Northrop Grumman, a vu son coût exploser de 81 %, selon un rapport transmis au Congrès ; il doit remplacer les vieux Minuteman III déployés dans le Wyoming, le Montana et le Dakota du Nord.",
        [
            ("LGM-35A Sentinel", W),
            ("Northrop Grumman", O),
            ("Congrès", O),
            ("Minuteman III", W),
            ("Wyoming", L),
            ("Montana", L),
            ("Dakota du Nord", L),
        ],
    ),
    # 34
    (
        "Rafael Advanced Defense Systems a présenté une version du missile Spike NLOS tirée depuis un hélicoptère AH-64 Apache. L’industriel israélien, à ne pas confondre avec le Rafale de Dassault Aviation, revendique plus de quarante pays clients.",
        [
            ("Rafael Advanced Defense Systems", O),
            ("Spike NLOS", W),
            ("AH-64 Apache", W),
            ("Rafale", W),
            ("Dassault Aviation", O),
        ],
    ),
    # 35
    (
        "Le Maroc a commandé le système de défense aérienne Barak MX auprès d’Israel Aerospace Industries (IAI), a rapporté le site spécialisé Defense News.",
        [("Maroc", L), ("Barak MX", W), ("Israel Aerospace Industries", O), ("IAI", O), ("Defense News", O)],
    ),
    # 36
    (
        "Un drone Hermes 450 d’Elbit Systems a été abattu au-dessus du sud du Liban par un missile sol-air du Hezbollah, a reconnu Tsahal.",
        [("Hermes 450", W), ("Elbit Systems", O), ("Liban", L), ("Hezbollah", O), ("Tsahal", O)],
    ),
    # 37
    (
        "Les premiers blindés Serval ont été livrés au 3e régiment d’infanterie de marine, à Vannes ; fabriqué par KNDS France et Texelis, le véhicule doit remplacer le VAB, en service depuis plus de quarante ans.",
        [
            ("Serval", W),
            ("3e régiment d’infanterie de marine", O),
            ("Vannes", L),
            ("KNDS France", O),
            ("Texelis", O),
            ("VAB", W),
        ],
    ),
    # 38
    (
        "La frégate Alsace a abattu trois drones houthis en mer Rouge à l'aide de missiles Aster 15 et d'Aster 30, a indiqué l'état-major des armées. Chaque tir coûte plus d'un million d'euros, une dépense jugée « insoutenable » par certains parlementaires.",
        [("Alsace", W), ("mer Rouge", L), ("Aster 15", W), ("Aster 30", W), ("état-major des armées", O)],
    ),
    # 39
    (
        "Les Rafale de l’armée de l’Air et de l’Espace ont largué des bombes guidées AASM Hammer sur des positions de l’État islamique en Syrie, dans le cadre de l’opération Chammal.",
        [("Rafale", W), ("armée de l’Air et de l’Espace", O), ("AASM Hammer", W), ("État islamique", O), ("Syrie", L)],
    ),
    # 40
    (
        "Safran et MBDA travaillent sur une nouvelle version du missile MICA, baptisée MICA NG, qui équipera le Rafale F4 à partir de 2026.",
        [("Safran", O), ("MBDA", O), ("MICA", W), ("MICA NG", W), ("Rafale F4", W)],
    ),
    # 41
    (
        "Le 4 mai 1982, un Super-Étendard de l’aéronavale argentine tire un missile Exocet AM39 sur le destroyer HMS Sheffield, qui sombre six jours plus tard au large des Malouines.",
        [("Super-Étendard", W), ("Exocet AM39", W), ("HMS Sheffield", W), ("Malouines", L)],
    ),
    # 42
    (
        "Le sous-marin nucléaire d’attaque Suffren, tête de série de la classe Barracuda, a quitté Toulon pour un déploiement de plusieurs mois dans l’océan Indien. Naval Group doit livrer le sixième et dernier exemplaire, le Casabianca, avant 2030. Les Barracuda peuvent tirer le missile de croisière naval MdCN et la torpille lourde F21.",
        [
            ("Suffren", W),
            ("Barracuda", W),
            ("Toulon", L),
            ("océan Indien", L),
            ("Naval Group", O),
            ("Casabianca", W),
            ("Barracuda", W),
            ("MdCN", W),
            ("F21", W),
        ],
    ),
    # 43
    (
        "Lancée à Lorient, la première frégate FDI, l’Amiral Ronarc’h, entamera ses essais en mer au printemps, alors que la Grèce a commandé quatre unités de cette classe, rebaptisée Belharra à l’export.",
        [("Lorient", L), ("FDI", W), ("Amiral Ronarc’h", W), ("Grèce", L), ("Belharra", W)],
    ),
    # 44
    (
        "La frégate Normandie a intercepté un drone au large de la Libye, a fait savoir la Marine nationale ; le bâtiment, de type FREMM, participe à l’opération européenne Irini.",
        [("Normandie", W), ("Libye", L), ("Marine nationale", O), ("FREMM", W)],
    ),
    # 45
    (
        "En mai 1940, les Junkers Ju 87, surnommés Stuka, semaient la terreur sur les routes de Belgique et du nord de la France.",
        [("Junkers Ju 87", W), ("Stuka", W), ("Belgique", L), ("France", L)],
    ),
    # 46
    (
        "Le Supermarine Spitfire restauré par un collectionneur britannique a survolé Duxford ce week-end, aux côtés d’un Hawker Hurricane et d’un Messerschmitt Bf 109 de la même époque.",
        [("Supermarine Spitfire", W), ("Duxford", L), ("Hawker Hurricane", W), ("Messerschmitt Bf 109", W)],
    ),
    # 47
    (
        "Le 25 août 1944, les chars Sherman de la 2e division blindée du général Leclerc entraient dans Paris par la porte d’Orléans.",
        [("Sherman", W), ("2e division blindée", O), ("Leclerc", P), ("Paris", L), ("porte d’Orléans", L)],
    ),
    # 48
    (
        "Aux Invalides, une vitrine présente un pistolet-mitrailleur PPSh-41 récupéré à Stalingrad, ainsi qu’un MP 40 allemand.",
        [("Invalides", L), ("PPSh-41", W), ("Stalingrad", L), ("MP 40", W)],
    ),
    # 49
    (
        "Les chars Leclerc rénovés du 501e régiment de chars de combat ont défilé avenue du Général-Leclerc, à Mourmelon, en présence du chef d’état-major de l’armée de Terre, le général Pierre Schill.",
        [
            ("Leclerc", W),
            ("501e régiment de chars de combat", O),
            ("avenue du Général-Leclerc", L),
            ("Mourmelon", L),
            ("armée de Terre", O),
            ("Pierre Schill", P),
        ],
    ),
    # 50
    (
        "Une violente rafale de vent a contraint les organisateurs à annuler la démonstration du Rafale Marine prévue sur la base de Landivisiau, le public pouvant tout de même visiter le hangar des Rafale M de la flottille 12F.",
        [("Rafale Marine", W), ("Landivisiau", L), ("Rafale M", W), ("flottille 12F", O)],
    ),
    # 51
    (
        "Sans rapport avec le constructeur automobile Jaguar, l’engin blindé de reconnaissance et de combat Jaguar, produit par KNDS France, Thales et Arquus, a été engagé pour la première fois en Roumanie lors de l’exercice Dacian Spring.",
        [("Jaguar", O), ("Jaguar", W), ("KNDS France", O), ("Thales", O), ("Arquus", O), ("Roumanie", L)],
    ),
    # 52
    (
        "Comme Jules César face à Vercingétorix, l’état-major ukrainien mise sur la mobilité : ses canons Caesar tirent six obus puis quittent leur position en moins d’une minute pour échapper aux drones Lancet.",
        [("Jules César", P), ("Vercingétorix", P), ("Caesar", W), ("Lancet", W)],
    ),
    # 53
    (
        "L’entreprise italienne Leonardo a signé à Milan un accord avec MBDA Italia. Rien à voir avec le missile antichar Milan, toujours en service dans plusieurs armées africaines et remplacé en France par le MMP (Akeron MP).",
        [("Leonardo", O), ("Milan", L), ("MBDA Italia", O), ("Milan", W), ("France", L), ("MMP", W), ("Akeron MP", W)],
    ),
    # 54
    (
        "Tandis que la start-up parisienne Mistral AI lève 1,7 milliard d’euros, MBDA augmente les cadences de production du missile sol-air très courte portée Mistral 3 dans son usine de Selles-Saint-Denis. Le mistral, lui, soufflait à plus de 90 km/h sur la côte varoise.",
        [("Mistral AI", O), ("MBDA", O), ("Mistral 3", W), ("Selles-Saint-Denis", L)],
    ),
    # 55
    (
        "Les hélicoptères Tigre HAD du 5e régiment d’hélicoptères de combat ont effectué des tirs de roquettes et de missiles Hellfire au camp de Canjuers, dans le Var.",
        [("Tigre HAD", W), ("5e régiment d’hélicoptères de combat", O), ("Hellfire", W), ("Canjuers", L), ("Var", L)],
    ),
    # 56 (no weapon)
    (
        "En Irak, le niveau du Tigre a atteint son plus bas historique à Bagdad, accentuant les tensions avec la Turquie, accusée de retenir l’eau en amont avec ses barrages.",
        [("Irak", L), ("Tigre", L), ("Bagdad", L), ("Turquie", L)],
    ),
    # 57
    (
        "Moscou présente le T-90M Proryv et le T-72B3M comme les piliers de ses divisions blindées, tandis que l’Allemagne a commandé 123 Leopard 2A8 pour la Bundeswehr et sa brigade stationnée en Lituanie.",
        [
            ("Moscou", L),
            ("T-90M Proryv", W),
            ("T-72B3M", W),
            ("Allemagne", L),
            ("Leopard 2A8", W),
            ("Bundeswehr", O),
            ("Lituanie", L),
        ],
    ),
    # 58
    (
        "Le ministère russe de la Défense a réceptionné un nouveau lot de chasseurs Su-30SM2 et de Su-35S, produits par l’usine d’Irkoutsk du groupe United Aircraft Corporation (OAK), filiale de Rostec.",
        [
            ("ministère russe de la Défense", O),
            ("Su-30SM2", W),
            ("Su-35S", W),
            ("Irkoutsk", L),
            ("United Aircraft Corporation", O),
            ("OAK", O),
            ("Rostec", O),
        ],
    ),
    # 59
    (
        "Les Dassault Mirage 2000D basés à Nancy seront progressivement modernisés avant d’être remplacés par des Rafale, tandis que plusieurs Mirage 2000-5F ont déjà été cédés à l’Ukraine.",
        [("Dassault Mirage 2000D", W), ("Nancy", L), ("Rafale", W), ("Mirage 2000-5F", W), ("Ukraine", L)],
    ),
    # 60
    (
        "Le Kremlin a dénoncé vendredi la livraison de missiles Taurus KEPD 350 à Kiev, y voyant « une participation directe » de l’Allemagne au conflit. Dmitri Peskov a averti que Berlin en « porterait la responsabilité ». Le chancelier Friedrich Merz a répondu que la décision relevait de la seule souveraineté allemande.",
        [
            ("Kremlin", OL),
            ("Taurus KEPD 350", W),
            ("Kiev", L),
            ("Allemagne", L),
            ("Dmitri Peskov", P),
            ("Berlin", L),
            ("Friedrich Merz", P),
        ],
    ),
    # 61
    (
        "L’Élysée a confirmé qu’Emmanuel Macron recevrait Volodymyr Zelensky lundi. Les deux présidents doivent évoquer la livraison de nouveaux Mirage 2000 et la formation de pilotes ukrainiens à Cazaux.",
        [("Élysée", OL), ("Emmanuel Macron", P), ("Volodymyr Zelensky", P), ("Mirage 2000", W), ("Cazaux", L)],
    ),
    # 62
    (
        "Le Pentagone a suspendu certaines livraisons de missiles Patriot PAC-3 MSE et de roquettes GMLRS à l’Ukraine, invoquant l’état de ses propres stocks. La Maison-Blanche assure qu’il ne s’agit que d’une « pause technique ».",
        [("Pentagone", OL), ("Patriot PAC-3 MSE", W), ("GMLRS", W), ("Ukraine", L), ("Maison-Blanche", OL)],
    ),
    # 63
    (
        "Le ministre des Armées, Sébastien Lecornu, s’est rendu à Bourges dans l’usine de KNDS France qui produit les canons Caesar. « Nous sommes passés de deux à six canons par mois », s’est félicité Lecornu devant les salariés.",
        [("Sébastien Lecornu", P), ("Bourges", L), ("KNDS France", O), ("Caesar", W), ("Lecornu", P)],
    ),
    # 64
    (
        "L'OTAN a déployé des avions radar E-3 Sentry au-dessus de la Pologne après l'incursion de drones Gerbera dans l'espace aérien polonais. D'après Varsovie, plusieurs appareils ont été abattus par des F-35A néerlandais.",
        [("OTAN", O), ("E-3 Sentry", W), ("Pologne", L), ("Gerbera", W), ("Varsovie", L), ("F-35A", W)],
    ),
    # 65
    (
        "Selon une source industrielle, le drone Skyfall-7, développé par une jeune pousse lituanienne, sera testé cet été en Estonie. Son concepteur, Tomas Vaitkus, affirme qu’il pourra emporter deux charges antichars. Vaitkus refuse toutefois de dévoiler ses premiers clients.",
        [("Skyfall-7", W), ("Estonie", L), ("Tomas Vaitkus", P), ("Vaitkus", P)],
    ),
    # 66
    (
        "La marine norvégienne évalue le missile antinavire Kraken-2, présenté comme un concurrent direct du NSM de Kongsberg, et Oslo doit arrêter son choix avant la fin de l’année.",
        [("Kraken-2", W), ("NSM", W), ("Kongsberg", O), ("Oslo", L)],
    ),
    # 67
    (
        "Baptisée Veles-4, la nouvelle munition rôdeuse présentée par la société ukrainienne Fire Point aurait une portée de 300 km et viendrait compléter le drone à longue portée FP-1, déjà utilisé contre des dépôts pétroliers en Russie.",
        [("Veles-4", W), ("Fire Point", O), ("FP-1", W), ("Russie", L)],
    ),
    # 68 (no weapon)
    (
        "Airbus a livré 67 appareils en octobre, dont une majorité d’A320neo, et son président exécutif, Guillaume Faury, table toujours sur 820 livraisons cette année, malgré les difficultés de ses fournisseurs de moteurs.",
        [("Airbus", O), ("Guillaume Faury", P)],
    ),
    # 69 (no weapon)
    (
        "Réunis à Kananaskis pour le sommet du G7, les chefs d’État et de gouvernement ont adopté une déclaration sur les minerais critiques. Le Premier ministre canadien, Mark Carney, a salué « un signal clair envoyé aux marchés ».",
        [("Kananaskis", L), ("G7", O), ("Mark Carney", P)],
    ),
    # 70 (no weapon)
    (
        "Cinq ans après la pandémie de COVID-19, l’Organisation mondiale de la santé (OMS) a adopté à Genève un accord destiné à mieux préparer le monde aux futures crises sanitaires.",
        [("Organisation mondiale de la santé", O), ("OMS", O), ("Genève", L)],
    ),
    # 71 (no weapon)
    (
        "Un carambolage impliquant une vingtaine de véhicules a provoqué la fermeture de l’A7 entre Valence et Montélimar ; quatre blessés graves ont été évacués vers l’hôpital de Valence.",
        [("A7", L), ("Valence", L), ("Montélimar", L), ("Valence", L)],
    ),
    # 72 (no weapon)
    (
        "Apple a été condamné à Paris à verser 8 millions d’euros à une association de consommateurs, qui accusait le groupe d’avoir bridé les batteries de l’iPhone 15, et la firme de Cupertino a annoncé faire appel.",
        [("Apple", O), ("Paris", L), ("Cupertino", L)],
    ),
    # 73 (no weapon)
    (
        "Le Conseil d’État a rejeté le recours de l’association, estimant que l’article L.123-4 du code de l’urbanisme ne s’appliquait pas au projet de parc éolien de Saint-Brieuc.",
        [("Conseil d’État", O), ("Saint-Brieuc", L)],
    ),
    # 74 (no weapon)
    (
        "La SNCF mettra en service au printemps ses premiers TGV M entre Paris et Lyon. Le nouveau train, construit par Alstom à La Rochelle et à Belfort, peut accueillir jusqu’à 740 passagers.",
        [("SNCF", O), ("Paris", L), ("Lyon", L), ("Alstom", O), ("La Rochelle", L), ("Belfort", L)],
    ),
    # 75 (no weapon)
    (
        "Air France a pris livraison de son quarantième Airbus A350 à Toulouse et prévoit de retirer ses derniers Boeing 777 d’ici 2030, a précisé Ben Smith, son directeur général.",
        [("Air France", O), ("Toulouse", L), ("Ben Smith", P)],
    ),
    # 76 (no weapon)
    (
        "Face aux incendies dans l’Aude, la Sécurité civile a engagé six Canadair CL-415 et deux Dash 8 depuis la base de Nîmes-Garons, où le ministre de l’Intérieur, Bruno Retailleau, s’est rendu.",
        [("Aude", L), ("Sécurité civile", O), ("Nîmes-Garons", L), ("Bruno Retailleau", P)],
    ),
    # 77 (no weapon)
    (
        "Le Paris Saint-Germain s’est imposé 2-0 face à l’Inter Milan au Parc des Princes, Ousmane Dembélé ouvrant le score avant que Désiré Doué ne double la mise en fin de match.",
        [
            ("Paris Saint-Germain", O),
            ("Inter Milan", O),
            ("Parc des Princes", L),
            ("Ousmane Dembélé", P),
            ("Désiré Doué", P),
        ],
    ),
    # 78 (no weapon)
    (
        "Antoine Dupont, le demi de mêlée du Stade toulousain, a été élu meilleur joueur du Tournoi des Six Nations. Le sélectionneur Fabien Galthié a salué « un joueur hors norme ».",
        [("Antoine Dupont", P), ("Stade toulousain", O), ("Fabien Galthié", P)],
    ),
    # 79
    (
        "Le drone naval Sea Lynx-3, conçu par le chantier Piriou à Concarneau, a été testé en rade de Brest aux côtés du drone sous-marin Seaquest-M. La Marine nationale pourrait en commander une dizaine.",
        [
            ("Sea Lynx-3", W),
            ("Piriou", O),
            ("Concarneau", L),
            ("rade de Brest", L),
            ("Seaquest-M", W),
            ("Marine nationale", O),
        ],
    ),
    # 80 (no weapon)
    (
        "Le Premier ministre a engagé la responsabilité de son gouvernement à l’Assemblée nationale. Le Rassemblement national et La France insoumise ont aussitôt annoncé le dépôt de motions de censure.",
        [("Assemblée nationale", O), ("Rassemblement national", O), ("La France insoumise", O)],
    ),
    # 81 (no weapon)
    (
        "Une rafale de vent à 130 km/h a arraché une partie de la toiture de la gare de Marseille-Saint-Charles. Météo-France a placé les Bouches-du-Rhône et le Var en vigilance orange, le mistral devant encore forcir dans la nuit.",
        [("Marseille-Saint-Charles", L), ("Météo-France", O), ("Bouches-du-Rhône", L), ("Var", L)],
    ),
    # 82 (no weapon)
    (
        "Matignon et Bercy s’opposent sur le calendrier de la réforme des retraites, selon Les Échos. Le ministre de l’Économie, Roland Lescure, plaide pour un report du débat à l’automne.",
        [("Matignon", OL), ("Bercy", OL), ("Les Échos", O), ("Roland Lescure", P)],
    ),
    # 83 (no weapon)
    (
        "Le constructeur Jaguar Land Rover a dû suspendre sa production pendant plusieurs semaines au Royaume-Uni après une cyberattaque, a rapporté la BBC.",
        [("Jaguar Land Rover", O), ("Royaume-Uni", L), ("BBC", O)],
    ),
    # 84 (no weapon)
    (
        "Un incendie s'est déclaré dans un immeuble de la rue du Maréchal-Leclerc, à Saint-Maur-des-Fossés. La Brigade de sapeurs-pompiers de Paris (BSPP) a mobilisé une soixantaine d'hommes.",
        [
            ("rue du Maréchal-Leclerc", L),
            ("Saint-Maur-des-Fossés", L),
            ("Brigade de sapeurs-pompiers de Paris", O),
            ("BSPP", O),
        ],
    ),
    # 85 (no weapon)
    (
        "Le trafic a été perturbé toute la matinée à l’aéroport Roissy-Charles-de-Gaulle en raison d’une grève des contrôleurs aériens, et le Groupe ADP recommande aux voyageurs de se renseigner auprès de leur compagnie.",
        [("Roissy-Charles-de-Gaulle", L), ("Groupe ADP", O)],
    ),
    # 86 (no weapon)
    (
        "Arthur Mensch, cofondateur de Mistral AI, a annoncé un partenariat avec ASML. Le groupe néerlandais devient le premier actionnaire de la start-up parisienne.",
        [("Arthur Mensch", P), ("Mistral AI", O), ("ASML", O)],
    ),
    # 87 (no weapon)
    (
        "Des archéologues de l’Inrap ont mis au jour à Alésia les vestiges d’un fossé creusé par les légions de Jules César lors du siège de la ville gauloise.",
        [("Inrap", O), ("Alésia", L), ("Jules César", P)],
    ),
    # 88
    (
        "Le ministère taïwanais de la Défense a présenté le drone intercepteur Striga et l’obusier automoteur Kestrel 155, tous deux développés par l’institut NCSIST, alors que Taipei veut produire 50 000 drones d’ici 2027.",
        [("ministère taïwanais de la Défense", O), ("Striga", W), ("Kestrel 155", W), ("NCSIST", O), ("Taipei", L)],
    ),
    # 89 (no weapon)
    (
        "La région Normandie a voté une aide de 12 millions d’euros pour les éleveurs touchés par la dermatose nodulaire contagieuse. Hervé Morin, son président, réclame un soutien accru de l’État.",
        [("Normandie", L), ("Hervé Morin", P)],
    ),
    # 90
    (
        "Au Mali, les mercenaires de Wagner, devenus Africa Corps, utilisent des drones turcs Bayraktar TB2 et des hélicoptères Mi-24 fournis par Moscou. À Bamako, la junte d’Assimi Goïta revendique la « neutralisation » de plusieurs chefs jihadistes. Selon l’ONG Acled, les frappes de drones ont pourtant fait plusieurs centaines de victimes civiles depuis 2023. Paris, qui a retiré ses derniers soldats du pays en 2022, observe en silence.",
        [
            ("Mali", L),
            ("Wagner", O),
            ("Africa Corps", O),
            ("Bayraktar TB2", W),
            ("Mi-24", W),
            ("Moscou", L),
            ("Bamako", L),
            ("Assimi Goïta", P),
            ("Acled", O),
            ("Paris", L),
        ],
    ),
    # 91
    (
        "Un destroyer américain de classe Arleigh Burke, l’USS Carney, a intercepté en mer Rouge plusieurs missiles tirés par Ansar Allah depuis le Yémen. Le navire a employé des missiles SM-2 et son système rapproché Phalanx.",
        [
            ("Arleigh Burke", W),
            ("USS Carney", W),
            ("mer Rouge", L),
            ("Ansar Allah", O),
            ("Yémen", L),
            ("SM-2", W),
            ("Phalanx", W),
        ],
    ),
    # 92
    (
        "Pyongyang a tiré deux missiles balistiques Hwasong-11 en mer du Japon, a indiqué l’état-major interarmées sud-coréen, et Kim Jong-un aurait supervisé personnellement l’essai, selon l’agence officielle KCNA.",
        [("Pyongyang", L), ("Hwasong-11", W), ("mer du Japon", L), ("Kim Jong-un", P), ("KCNA", O)],
    ),
    # 93
    (
        "Hyundai Rotem a signé avec Varsovie un second contrat portant sur 180 chars K2 Black Panther, dont une partie sera produite en Pologne sous la désignation K2PL par Bumar-Łabędy.",
        [
            ("Hyundai Rotem", O),
            ("Varsovie", L),
            ("K2 Black Panther", W),
            ("Pologne", L),
            ("K2PL", W),
            ("Bumar-Łabędy", O),
        ],
    ),
    # 94
    (
        "KAI a livré à l’armée de l’air sud-coréenne le premier chasseur KF-21 Boramae de série, même si l’Indonésie, partenaire du programme, a réduit sa participation financière.",
        [("KAI", O), ("KF-21 Boramae", W), ("Indonésie", L)],
    ),
    # 95
    (
        "Saab a annoncé une hausse de 20 % de son chiffre d’affaires, portée par les ventes du lance-roquettes Carl-Gustaf M4 et du missile antichar NLAW, et espère aussi vendre des Gripen E à la Colombie et à la Thaïlande.",
        [("Saab", O), ("Carl-Gustaf M4", W), ("NLAW", W), ("Gripen E", W), ("Colombie", L), ("Thaïlande", L)],
    ),
    # 96
    (
        "Diehl Defence livrera quatre systèmes IRIS-T SLM supplémentaires à l’Ukraine d’ici l’été. Le ministre allemand de la Défense, Boris Pistorius, l’a confirmé lors d’une visite à Odessa.",
        [("Diehl Defence", O), ("IRIS-T SLM", W), ("Ukraine", L), ("Boris Pistorius", P), ("Odessa", L)],
    ),
    # 97
    (
        "Rome et Paris ont convenu de livrer un second système SAMP/T à Kiev. Ce système, aussi appelé Mamba dans l’armée de l’Air et de l’Espace, tire des missiles Aster 30 B1.",
        [
            ("Rome", L),
            ("Paris", L),
            ("SAMP/T", W),
            ("Kiev", L),
            ("Mamba", W),
            ("armée de l’Air et de l’Espace", O),
            ("Aster 30 B1", W),
        ],
    ),
    # 98
    (
        "Autour de Moscou, des systèmes Pantsir-S1 ont été hissés sur des tours pour intercepter les drones ukrainiens, tandis que des Tor-M2 protègent les sites industriels de la région de Iaroslavl.",
        [("Moscou", L), ("Pantsir-S1", W), ("Tor-M2", W), ("Iaroslavl", L)],
    ),
    # 99
    (
        "Vladimir Poutine a annoncé le déploiement en Biélorussie du missile balistique de portée intermédiaire Orechnik. Le président russe a assuré que ce système était « impossible à intercepter ».",
        [("Vladimir Poutine", P), ("Biélorussie", L), ("Orechnik", W)],
    ),
    # 100
    (
        "Le ministre russe de la Défense, Andreï Belooussov, a inspecté l’usine Motovilikha à Perm, où sont produits les lance-roquettes multiples Tornado-G. Belooussov a exigé un doublement des cadences.",
        [("Andreï Belooussov", P), ("Motovilikha", O), ("Perm", L), ("Tornado-G", W), ("Belooussov", P)],
    ),
    # 101
    (
        "Les images diffusées par le ministère russe de la Défense montrent un lance-roquettes thermobarique TOS-1A Solntsepiok en action près de Pokrovsk, un système monté sur un châssis de T-72 et redouté pour ses effets dévastateurs.",
        [("ministère russe de la Défense", O), ("TOS-1A Solntsepiok", W), ("Pokrovsk", L), ("T-72", W)],
    ),
    # 102
    (
        "Tsahal a utilisé pour la première fois en opération le laser Iron Beam pour intercepter des drones lancés depuis le Liban. Développé par Rafael et Elbit Systems, le système complète le Dôme de fer et la Fronde de David.",
        [
            ("Tsahal", O),
            ("Iron Beam", W),
            ("Liban", L),
            ("Rafael", O),
            ("Elbit Systems", O),
            ("Dôme de fer", W),
            ("Fronde de David", W),
        ],
    ),
    # 103
    (
        "L’Allemagne a déclaré opérationnel son premier système antimissile Arrow 3, acheté à Israël pour près de 4 milliards d’euros et installé sur la base de Holzdorf, dans le Brandebourg.",
        [("Allemagne", L), ("Arrow 3", W), ("Israël", L), ("Holzdorf", L), ("Brandebourg", L)],
    ),
    # 104
    (
        "La frégate Amiral Gorchkov, armée de missiles hypersoniques Zircon, a fait escale à La Havane, et Washington suit de près les mouvements de ce bâtiment de la flotte du Nord.",
        [("Amiral Gorchkov", W), ("Zircon", W), ("La Havane", L), ("Washington", L), ("flotte du Nord", O)],
    ),
    # 105
    (
        "Le croiseur Moskva, navire amiral de la flotte de la mer Noire, a été coulé en avril 2022 par deux missiles Neptune, un naufrage qui reste l’un des revers les plus humiliants pour la marine russe.",
        [("Moskva", W), ("flotte de la mer Noire", O), ("Neptune", W)],
    ),
    # 106
    (
        "Les drones navals Magura V5 du renseignement militaire ukrainien ont frappé un patrouilleur près de Sébastopol. Le GUR affirme aussi avoir abattu un Su-30 avec un missile R-73 tiré depuis l’une de ces embarcations.",
        [("Magura V5", W), ("Sébastopol", L), ("GUR", O), ("Su-30", W), ("R-73", W)],
    ),
    # 107
    (
        "L'armée de Terre a achevé le remplacement de ses FAMAS par le fusil d'assaut HK416F de Heckler & Koch. Les tireurs d'élite reçoivent quant à eux le SCAR-H PR de FN Herstal.",
        [
            ("armée de Terre", O),
            ("FAMAS", W),
            ("HK416F", W),
            ("Heckler & Koch", O),
            ("SCAR-H PR", W),
            ("FN Herstal", O),
        ],
    ),
    # 108
    (
        "Les enquêteurs ont retrouvé dans le véhicule deux kalachnikovs, un pistolet Glock 17 et un Browning datant de la Seconde Guerre mondiale, a précisé le procureur de Marseille, Nicolas Bessone.",
        [("kalachnikovs", W), ("Glock 17", W), ("Browning", W), ("Marseille", L), ("Nicolas Bessone", P)],
    ),
    # 109
    (
        "Sur les images, on distingue des soldats russes armés de fusils d’assaut AK-12 et d’un fusil de précision SVD Dragunov, ainsi qu’un véhicule BMP-3 détruit en arrière-plan.",
        [("AK-12", W), ("SVD Dragunov", W), ("BMP-3", W)],
    ),
    # 110
    (
        "Durant la guerre des Six Jours, les Mirage III israéliens ont détruit au sol la quasi-totalité des MiG-21 égyptiens, un succès qui a ouvert à l’avion de Marcel Dassault les portes du marché export.",
        [("Mirage III", W), ("MiG-21", W), ("Marcel Dassault", P)],
    ),
    # 111
    (
        "Les vétérans se souviennent du bruit des UH-1 Huey au-dessus des rizières du delta du Mékong, puis de l’arrivée des B-52 au-dessus de Hanoï en décembre 1972.",
        [("UH-1 Huey", W), ("delta du Mékong", L), ("B-52", W), ("Hanoï", L)],
    ),
    # 112
    (
        "En 1991, les batteries Patriot déployées en Arabie saoudite et en Israël tentaient d’intercepter les Scud irakiens, tandis que les F-117 Nighthawk frappaient Bagdad dès la première nuit.",
        [("Patriot", W), ("Arabie saoudite", L), ("Israël", L), ("Scud", W), ("F-117 Nighthawk", W), ("Bagdad", L)],
    ),
    # 113
    (
        "À Saumur, les visiteurs peuvent admirer un char Renault FT aux côtés d’un Mark IV britannique et d’un Tigre allemand de 1943, l’un des rares exemplaires encore en état de rouler.",
        [("Saumur", L), ("Renault FT", W), ("Mark IV", W), ("Tigre", W)],
    ),
    # 114
    (
        "Le fusil Lebel a équipé les poilus durant toute la Grande Guerre, aux côtés de la mitrailleuse Hotchkiss, fabriquée à Saint-Denis.",
        [("Lebel", W), ("Hotchkiss", W), ("Saint-Denis", L)],
    ),
    # 115
    (
        "New Delhi a commandé 26 Rafale Marine pour ses porte-avions INS Vikrant et INS Vikramaditya. Le contrat, signé avec Dassault Aviation, comprend aussi des missiles Meteor et Exocet.",
        [
            ("New Delhi", L),
            ("Rafale Marine", W),
            ("INS Vikrant", W),
            ("INS Vikramaditya", W),
            ("Dassault Aviation", O),
            ("Meteor", W),
            ("Exocet", W),
        ],
    ),
    # 116
    (
        "Le porte-avions Charles-de-Gaulle a appareillé de Toulon pour la mission Clemenceau 25, avec à son bord une vingtaine de Rafale M et deux E-2C Hawkeye. Le général de Gaulle avait lui-même voulu doter la France d’une aviation embarquée moderne.",
        [
            ("Charles-de-Gaulle", W),
            ("Toulon", L),
            ("Rafale M", W),
            ("E-2C Hawkeye", W),
            ("de Gaulle", P),
            ("France", L),
        ],
    ),
    # 117
    (
        "Le sous-marin nucléaire lanceur d’engins Le Téméraire a effectué un tir d’essai du missile balistique M51.3 au large du Finistère, a annoncé la Direction générale de l’armement (DGA).",
        [("Le Téméraire", W), ("M51.3", W), ("Finistère", L), ("Direction générale de l’armement", O), ("DGA", O)],
    ),
    # 118
    (
        "Les Rafale B des Forces aériennes stratégiques, basés à Saint-Dizier, emportent le missile nucléaire ASMPA-R. Son successeur, l’ASN4G, est développé par MBDA.",
        [
            ("Rafale B", W),
            ("Forces aériennes stratégiques", O),
            ("Saint-Dizier", L),
            ("ASMPA-R", W),
            ("ASN4G", W),
            ("MBDA", O),
        ],
    ),
    # 119
    (
        "Les drones FPV et les missiles de croisière restent la principale menace, estime le colonel Michel Goya. Face à eux, l’armée de Terre teste un canon antidrone baptisé Sentinelle-30, monté sur un blindé Griffon.",
        [("Michel Goya", P), ("armée de Terre", O), ("Sentinelle-30", W), ("Griffon", W)],
    ),
    # 120
    (
        "Le lance-roquettes Tamir-K, présenté à Abou Dhabi par le groupe émirien EDGE, combine des roquettes de 122 mm et des missiles guidés, face au PULS d’Elbit Systems, déjà commandé par les Pays-Bas.",
        [("Tamir-K", W), ("Abou Dhabi", L), ("EDGE", O), ("PULS", W), ("Elbit Systems", O), ("Pays-Bas", L)],
    ),
]

LABELS = {"PER", "ORG", "LOC", "WEAPON", "ORG|LOC"}


def _is_word(ch):
    return ch.isalnum() or ch == "_"


def locate(text, surface, start_from, skip=0):
    """First whole-word occurrence of `surface` at or after start_from."""
    pos = start_from
    while True:
        i = text.find(surface, pos)
        if i < 0:
            raise ValueError(f"{surface!r} not found after {start_from} in: {text}")
        j = i + len(surface)
        ok_left = i == 0 or not _is_word(text[i - 1])
        ok_right = j == len(text) or not _is_word(text[j])
        if ok_left and ok_right:
            if skip == 0:
                return i, j
            skip -= 1
        pos = i + 1


def check(rec):
    text, ents = rec["text"], rec["entities"]
    prev_end = -1
    for e in ents:
        s, t, lab = e["start"], e["end"], e["label"]
        assert lab in LABELS, (rec["id"], lab)
        assert 0 <= s < t <= len(text), (rec["id"], e)
        span = text[s:t]
        assert span == span.strip(), (rec["id"], span)
        for ch in (span[0], span[-1]):
            cat = unicodedata.category(ch)
            # no leading/trailing punctuation, except a closing dot of an abbreviation
            assert not cat.startswith("P") and not cat.startswith("Z"), (rec["id"], span)
        low = span.lower()
        for art in ("le ", "la ", "les ", "l'", "l’", "d'", "d’", "du ", "des "):
            if low.startswith(art) and span not in ALLOWED_ARTICLE_SPANS:
                raise AssertionError((rec["id"], "leading article", span))
        assert s >= prev_end, (rec["id"], "overlap", e)
        prev_end = t


# Names whose article is part of the proper name itself.
ALLOWED_ARTICLE_SPANS = {"La Rochelle", "La France insoumise", "Les Échos", "La Havane", "Le Téméraire", "de Gaulle"}


def build():
    out = []
    assert len(DOCS) == 120, len(DOCS)
    for n, (text, spec) in enumerate(DOCS, 1):
        assert text == text.strip()
        cursor = 0
        ents = []
        for item in spec:
            surface, label = item[0], item[1]
            skip = item[2] if len(item) > 2 else 0
            s, t = locate(text, surface, cursor, skip)
            ents.append({"start": s, "end": t, "label": label})
            cursor = t
        rec = {"id": f"auth-{n:03d}", "source": "authored", "text": text, "entities": ents}
        check(rec)
        out.append(rec)
    return out


def main():
    recs = build()
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "authored.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote {len(recs)} records to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
