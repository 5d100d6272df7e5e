"""Word lists for the directory's query parser, in English and Spanish (accents folded).

Kept apart from the parser so the logic reads in one sitting. Every entry is a tuple of
folded tokens, as `experiences.lexicon.tokenize` produces them.
"""

# Words that carry no meaning for matching group names and descriptions.
STOPWORDS = frozenset("""
    a an the and or of in on at to for with without from by near around about into my me i we
    our you your any some all looking look find finding search want need needs please help
    nearby local area close someone people person who that this these those is are there here
    peer peers support supportive group groups meeting meetings meetup meetups session sessions
    circle circles community communities space spaces chat talk club program programme
    programs programmes service services mutual self
    el la los las un una unos unas y o u e de del al en con sin para por que quien donde como
    mi mis tu tus su sus me te se yo nosotros hay busco buscar buscando quiero necesito algun
    alguna algunos algunas cualquier cerca zona aqui alli gente personas persona
    apoyo apoyos grupo grupos reunion reuniones encuentro encuentros sesion sesiones circulo
    circulos comunidad comunidades espacio espacios charla programa programas servicio
    servicios ayuda mutua pares par
""".split())

# Never a place, even after "in"/"en": common words in either language that happen to be
# the name (or an alternate name) of some town in the gazetteer. Derived from the 3,000 most
# frequent English and Spanish words that the gazetteer knows, less the real cities.
NEVER_PLACES = frozenset("""
    aca act ad adam add ago ahi aid aim air aire airport al alberto alegria alianza all alma
    along alta altos am ama amo an ana and anda andalucia andres angeles ano antigua are area
    arm arma art artes as asi ask at ataque august aun avion ayer azul bad bag baja bajo ban
    banco band banda bank banks bano bar base basic basura battle bay bbc be bear bed bell bella
    ben best bet big blanca blancos bonita bonito born bottom boy branch brazil bright buen bus
    busca but buy by cabo cae caer california camara campana campo campos can canal cap capaz
    car care carne carolina carry cars carta casa castilla castillo castro cat cayo center
    central centro chair champion chance change chat chavez chico china chino cine cita clinton
    cola college colonia columna come como con conde constitucion conto coronel corte cortes
    cristina cruz cup cura cut cuya cuyo daba dad dado dan dano dar dara date david day dejen
    del democracia den des descanso dia dick die diez diria do dog doy drama drug dry duda due
    dura eat economy ed empire en engineer enter era eran ese eso espanola esquina este estrella
    eu ever fan far fat federacion federal feliz fernandez figura flores florida for forest
    francisco freedom friendly from frontera fue fuerte fully fun fundacion gana garcia gas
    gastos gay gente get glad gloria god goes gold golden gomez gonzalez google got gracia
    gracias grado gran grant grave grecia green guia guns guy ha habla habra had haga hago haha
    hall han hang hara hard has hat hay haya her hermosa hit hola hole holiday hora hot human i
    iba id iglesias ii ill in inc independencia isla jaja jan jardin jim joe johnson jones
    jordan juan justice justicia key kid kim king la lago lane largo las law lay le leader leche
    led lee leer leg leo les let ley liberal libres lie liga linda lista llena loan long lopez
    los lot lucas luck luis luna luz mad made madera major make makes mala malo man manage manda
    mando manera manos manuel mar marca marcas march marco maria marina market martin martinez
    masa mata materia max mayo me media medicina men menor mes meta metro mexicanos mia mid mil
    mile mina minas mine mio mira mission model modern montana monte morales more most mrs much
    mujeres muro muy nacimiento nada name never nfl nina nine nivel no none normal north nose
    not nuevo o obama obra of off officer ojo okay old onda one opportunity or orden oriental
    oriente oro os our out oye pa pacific page pago palacio pan papa paper par para paredes paro
    part pasan paso paz pedro pena penal per perez pero perros piedras placer plan playa plaza
    pleno poblacion poco police pop por port post pre presidente price primavera princesa
    principe pro progreso progress puente puerto pura pure puro put que race rain ran rato raw
    ray re reach real reforma registro regla reina reino republic republica reserva reserve rest
    rey reyes rich richard rio rise robert rock rodriguez rojas rol rosa rose row run ryan sad
    sal sala sales salida salon salt salud sam same san sanchez santa santo sat save say scott
    se sea see seen semi send ser sera seran seres seria serian serio set she shot shut si side
    sido siga sin since sing sino sir sit six sky so sol sola solo son song soul spring st star
    steps stone store story street su sub sube success summer sun superior sur sus suyo switch
    tal talent tall tamano tan tank tanta tarde taylor te tea tell tema ten tenes terreno than
    the tie tienen time tip tiro to toda tom toma tomar tono top torno torres tour tras trata
    triunfo try tu turkey turn tus ultimo un una union universidad university usa uses va valley
    varias vas ve ventas veo ver verde vi via vice vida viejo villa virginia vos voz wake wales
    walk was wave ways we wedding week welcome williams wilson worth yes yet young zero grief
    support group peer centro center centre santa san santo downtown city town village
    university college school church hospital library park street online zoom person linea time
    general crisis private public recovery family familia
""".split())

# A place only after "in/near/en/cerca de": city names that are also everyday words.
PLACES_AFTER_PREPOSITION_ONLY = frozenset("""
    reading bath mobile nice orange victoria split sale deal hope leon male van mesa plano
    salvador esperanza libertad soledad concepcion mercedes dolores rosario resistencia corona
    moreno george mary surprise independence enterprise paradise commonwealth springs delta
    buffalo norman nancy tyler warren milton regina aurora pueblo vista natal latina santos
    jackson hollywood franklin eugene gilbert chandler henderson irving newton liberty
""".split())
