"""The screener's phrases, English and Spanish, on normalised text (see normalize.py).

A rule is (kind, category, pattern). The kind says how a match counts before context is
weighed (see rules.py):

  desire    wanting or thinking about it now ("I want to die", "thinking about ctb")   → high
  intent    saying one will do it ("I'm going to…", "voy a…")                          → high,
            imminent with a time, a means or "now"
  passive   passive ideation, hopelessness about living, goodbyes                       → high
  past      having done it ("I tried to…", "cut myself again")                          → high,
            low when told as distant past
  act       in progress or just done ("I just took…", "won't stop bleeding")            → imminent
  means     means at hand, ready ("the rope is ready", "saving my pills")               → imminent
  weak_means  means mentioned ("I have a knife"): raises another risk to imminent
  plan      "I have a plan"                                                              → high (imminent with desire)
  place     on a bridge, roof, ledge                                                     → high (imminent with "now")
  question  means asked about for dying ("how many … to not wake up", "lethal dose")     → high
  abuse     being hurt or unsafe                                                         → high (imminent with "now")
  (threats to harm others are `desire` or `intent` rules with the violence category)
  medical   someone unconscious, not breathing                                           → imminent
  distress  loneliness, hopelessness about a situation, cravings, grief                  → low
  recovery  time free of it ("two years clean from cutting")                             → low
"""

import re

S, SH, OD, V, A, M = "suicide", "self_harm", "overdose", "violence", "abuse", "medical"
NO_CATEGORY = ""

_SELF = r"(?:myself|himself|herself|themselves|themself|yourself)"
_OTHER = (r"(?:him|her|them|someone|somebody|people|everyone|everybody|my (?:boss|manager|dad|father|mum|mom|"
          r"mother|brother|sister|ex|husband|wife|partner|boyfriend|girlfriend|neighbou?r|teacher|coworkers?|"
          r"classmates?|stepdad|stepfather|landlord))")
# What "it" is, in each category, in base and -ing form.
_EN_ACTS = {
    S: (rf"(?:kill(?:ing)? {_SELF}|kms|ctb|end(?:ing)? (?:it all|it|my life|(?:his|her|their) life|things|"
        rf"everything)|tak(?:e|ing) my (?:own )?life|d[iy]e|dying|be dead|commit(?:ting)? suicide|suicide|"
        rf"jump(?:ing)? (?:off|from|in front)|hang(?:ing)? {_SELF}|shoot(?:ing)? {_SELF}|drown(?:ing)? {_SELF}|"
        rf"driv(?:e|ing) (?:my car |the car )?into (?:the )?(?:river|sea|lake|wall|tree|traffic|a wall|a tree|"
        rf"oncoming)|drive into|crash(?:ing)? (?:my|the) car|not be here|disappear (?:forever|for good)|be gone|"
        r"stop (?:living|existing)(?! like)|not exist|no longer exist|tak(?:e|ing) (?:his|her|their) (?:own )?life|"
        r"(?:ways|how) to (?:die|kill myself|end it|end my life)|step(?:ping)? in front of|"
        r"ending it|doing it)"),
    SH: (rf"(?:(?:cut|slice|slit|carve|burn|scratch)(?:ting|ing)? (?:up )?(?:my (?:arms?|legs?|wrists?|thighs?|"
         rf"skin|stomach)|{_SELF})(?: up)?|cut(?:ting)? {_SELF}|"
         rf"cut(?! (?:down|back|out|off|in|it|ties|class|corners|the|a|my hair|loose|through|costs))|hurt(?:ing)? {_SELF}|harm(?:ing)? {_SELF}|burn(?:ing)? {_SELF}|"
         rf"self harm(?:ing)?|sh|punish(?:ing)? {_SELF}|slit(?:ting)? my wrists|"
         rf"(?:hit|punch|bruise|bang|smash)(?:ting|ing)? {_SELF}(?! (?:on|over|in) the head| for)|"
         rf"(?:make|making) {_SELF} bleed)"),
    OD: (r"(?:overdos(?:e|ing)|tak(?:e|ing) (?:all|every one) (?:of )?(?:my |the )?(?:\w+ )?(?:pills|meds|"
         r"tablets|xpillsx)|swallow(?:ing)? (?:all|the whole bottle|everything)|take a whole bottle|"
         r"tak(?:e|ing) everything (?:in|from) the (?:medicine )?(?:cabinet|cupboard|drawer)|"
         r"tak(?:e|ing) (?:every|all the) (?:pills?|tablets?|meds)(?: in the house)?|"
         r"tak(?:e|ing) (?:all|every (?:last )?one) (?:of )?my (?:\w+ )?(?:medicine|medication|insulin|"
         r"\w+(?:ine|ol|am|ide|one|pam|done|codone|dol|zine|pine|xine)s?)\b)"),
    V: rf"(?:kill(?:ing)?|hurt(?:ing)?|stab(?:bing)?|shoot(?:ing)?|beat(?:ing)?(?: up| the \w+ out of)?|murder(?:ing)?|"
       rf"attack(?:ing)?|punch(?:ing)?|strangl(?:e|ing)) {_OTHER}",
}
_EN_SUBJECT = (r"(?:(?:i|i'm|i am|i've|i'll|i'd|she|he|they|she's|he's|they're|my \w+|my \w+ \w+)\s+)?"
               r"(?:(?:really|just|seriously|honestly|still|kind of|sometimes|often|always|actually|"
               r"definitely|finally|truly|so|keep|kept|still keep)\s+)*")
_EN_FRAMES = {
    "desire": (r"(?:want(?:s)? to|(?:keep |kept |been |am |i'm |is |are |'s |'re )wanting to|wish i could|"
               r"can'?t stop thinking (?:about|of)|feel(?:s)? like|(?:keep |been |am |i'm |is |are )?thinking "
               r"(?:about|of)|think(?:s)? (?:about|of)|thoughts of|urges? to|tempted to|need to|have to|"
               r"talk(?:s|ing)? about|keeps? saying (?:she|he|they) wants? to|might|could just|should just)"),
    "intent": (r"(?:(?:i'?m|i am|she'?s|he'?s|they'?re)(?= (?:ending|killing|doing it|taking|jumping|hanging))|"
               r"(?:am |is |are |'m |'s |'re )?going to|will|'ll|won't|plan(?:s|ning)? to|about to|"
               r"decided to|ready to|(?:am |'m )?doing it and)"),
    "past": r"(?:wanted to|tried to|trying to|attempted to|thought (?:about|of)|almost|nearly)",
}
_FILL = r"(?:\s+(?:just|really|finally|go|simply|actually|and|to|get to|be able to|it and|how (?:i'?d|i would|to)))*\s+"

_EN = [
    *(
        (kind, category, rf"\b{_EN_SUBJECT}{frame}{_FILL}{act}\b")
        for kind, frame in _EN_FRAMES.items() for category, act in _EN_ACTS.items()
    ),
    ("desire", S, r"\b(?:i'?m|i am|feeling|feel|been|am)\s+(?:not\s+)?(?:so\s+|really\s+|very\s+|pretty\s+)?"
                  r"suicidal\b"),
    ("desire", S, r"\b(?:suicidal|suicide) (?:thoughts|ideation|feelings|urges)\b"),
    ("desire", S, r"\b(?:kms|ctb)\b|^\W*(?:\w+\s+){0,2}kill myself\b"),
    ("desire", S, r"\bsuicide (?:is|seems) (?:the only|my only)\b"),
    ("desire", SH, r"\b(?:the )?urges? (?:to (?:cut|sh|self harm)|is back|are back)\b"),
    ("past", S, r"\b(?:attempted suicide|survived (?:an|my|a suicide) attempt|(?:my|an|a) suicide attempt|"
                r"took (?:his|her|their|my) (?:own )?life|killed (?:himself|herself|themselves))\b"),
    ("past", SH, rf"\b(?:cut {_SELF}|burned {_SELF}|burnt {_SELF}|hurt {_SELF} (?:again|on purpose)|"
                 r"relapsed on (?:self harm|sh|cutting)|used to (?:self harm|sh|cut)|self harmed)\b"),
    ("past", OD, r"\b(?:overdosed|had an overdose|took an overdose|(?:took|taken|swallowed) (?:a bunch of|"
                 r"loads of|a lot of|too many) (?:pills|meds|tablets))\b"),
    ("past", S, r"\b(?:i|she|he|they) (?:was|were) (?:\w+ )?suicidal\b"),
    ("recovery", SH, r"\b(?:clean|free) (?:from|of) (?:cutting|self harm|sh)\b"),
    ("passive", S, r"\bwish(?:ed)? i (?:was|were|'d|had) (?:dead|never been born|not here|not alive|gone)\b"),
    ("passive", S, r"\b(?:wish|hope|hoping|want)\b[^.!?]{0,40}\b(?:not|never|wouldn'?t|didn'?t|don'?t) "
                   r"(?:wake up|be here|exist)"),
    ("passive", S, r"\b(?:better off|be better) (?:dead|without me)\b"),
    ("passive", S, r"\bdon'?t want to (?:be here|exist|be alive|live|wake up|go on)\b"),
    ("passive", S, r"\b(?:tired of|sick of|hate) (?:being alive|living|life itself|existing)\b"),
    ("passive", S, r"\b(?:life|living) (?:isn'?t|is not|ain'?t) worth (?:living|it)\b"),
    ("passive", S, r"\b(?:what'?s|what is) the point (?:of|in) (?:living|life|being alive|going on)\b"),
    ("passive", S, r"\b(?:no one|nobody) would (?:even )?(?:miss me|notice if i (?:was|were|'m) gone|care if i)"),
    ("passive", S, r"\b(?:i'?m|i am) (?:so |just )?done with (?:everything|life|it all|living)\b"),
    ("passive", S, r"\b(?:don'?t|do not|can'?t) see (?:a|any) way out\b|\b(?:want|need) (?:my life|it all|"
                   r"everything) to (?:be over|end|stop)\b|\b(?:i'?d|would) rather (?:be dead|die|not exist)\b"),
    ("passive", S, r"\b(?:better off|happier|easier|lighter) (?:if i (?:just )?(?:disappeared|was gone|were gone|"
                   r"wasn'?t here|died)|without me)\b|\bif i (?:just )?(?:disappeared|died|was gone)\b"),
    ("passive", S, r"\bno (?:reason|point) (?:for me )?to (?:keep )?(?:living|go on|be alive|stay)\b|"
                   r"\b(?:writing|wrote|write) (?:\w+ )?goodbye (?:letters?|notes?|messages?)\b|"
                   r"\b(?:researching|googling|searching|looking up) (?:ways|how) to (?:die|end (?:my|it)|kill)"),
    ("passive", S, r"\bno (?:le )?veo (?:ningun )?sentido a (?:seguir )?(?:vivir|viviendo)\b|"
                   r"\b(?:me gustaria|quisiera|quiero)\b[^.!?]{0,25}\bno despertar\w*\b"),
    ("past", SH, r"\b(?:he vuelto a|volvi a|vuelvo a) (?:autolesionarme|cortarme|hacerme dano|quemarme)\b|"
                 r"\bpick(?:ed|ing)? at my skin until\b"),
    ("act", OD, r"\b(?:took|taken|swallowed) (?:my|the|all my) (?:whole|entire) (?:prescription|bottle|packet|"
                r"supply|box)\b|\btomado (?:toda )?(?:mi|la) (?:receta|caja|medicacion) entera\b"),
    ("act", SH, r"\b(?:so much|too much|lots of) blood\b|\bno para (?:la sangre|de salir sangre)\b|"
                r"\bmucha sangre\b"),
    ("abuse", A, r"\b(?:keeps|kept|always) touching me\b|\bno one will believe (?:me|you)\b|"
                 r"\bme da (?:empujones|golpes|patadas|bofetadas)\b"),
    ("passive", S, r"\bif i (?:wasn'?t|weren'?t|was not|were not) (?:around|here|alive)\b|\b(?:i'?m|i am) "
                   r"(?:just )?a burden\b|\b(?:stop|end|over) for good\b|\b(?:sleep|rest) forever\b"),
    ("passive", S, r"\b(?:mejor|prefiero|preferiria) no (?:existir|estar aqui|vivir|despertar)\b|"
                   r"\bdormir(?:me)? para siempre\b|\bsoy una carga\b"),
    # Added from the training set's misses (2026-11-30; never from an evaluation set).
    ("passive", S, r"\b(?:can'?t|cannot|don'?t) see myself (?:being )?(?:alive|here|around) (?:next|in|by|at)\b|"
                   r"\bwon'?t be (?:around|here) (?:much |for )?(?:longer|long)\b|"
                   r"\bdon'?t want to see (?:my )?(?:\w+ )?(?:birthday|christmas|next year)\b|"
                   r"\b(?:a )?waste of (?:space|oxygen|air)\b|\bnothing (?:left )?to live for\b|"
                   r"\bgiving up on (?:life|living)\b|\bwant (?:it|this|everything) (?:all )?to be over\b|"
                   r"\bgoing for good\b"),
    ("past", SH, rf"\bmade {_SELF} bleed\b|\b(?:scratch|pick|rubb?)\w* (?:\w+ )?until (?:i |it )?(?:bled|bleed)\b"),
    ("question", OD, r"\b(?:overdose|lethal|fatal) amounts?\b|\bcount(?:ing)? (?:my|the) pills\b|"
                     r"\bmix(?:ing)? (?:all )?my (?:meds|pills|tablets) with\b"),
    ("place", S, r"\btop of (?:the|a) (?:cliff|building|car park|multi ?storey|tower|bridge|block)\b"),
    ("means", S, r"\b(?:noose|rope) (?:is |'s )?(?:hanging|up|tied)\b"),
    ("medical", M, r"\b(?:lips|face) (?:are |is )?(?:turning|gone|going) blue\b|\bbreathing (?:very |really |so )?"
                   r"(?:slowly|slow|shallow)\b|\bisn'?t responding\b"),
    ("means", V, r"\bon my way to (?:his|her|their|the) \w+ with (?:a|my|the) (?:\w+ )?(?:knife|gun|bat|hammer|machete)\b"),
    ("question", OD, r"\bhow many (?:\w+ )?(?:pills|tablets|meds|xpillsx)(?: it)? (?:takes?|would take)\b"),
    ("past", SH, rf"\b(?:been |keep |started |kept )(?:burning|cutting|hurting|hitting|scratching) "
                 rf"(?:{_SELF}|my (?:arms?|legs?|wrists?|skin))\b"),
    ("abuse", A, r"\b(?:abused|raped|molested|assaulted|groped) me\b|\b(?:abuso|violo) de mi\b"),
    ("act", S, r"\b(?:car|garage|room)'?s? (?:is )?full of (?:fumes|exhaust|gas)\b|\bin the garage with the "
               r"(?:car|engine) (?:running|on)\b|\b(?:coche|garaje) (?:lleno de humo|con el (?:motor|coche) encendido)\b|"
               r"\bgaraje con el coche encendido\b"),
    ("act", S, r"\b(?:engine|car) (?:is )?running in (?:the|a|my) (?:closed )?garage\b|\blocked "
               r"(?:herself|himself|themselves|myself) in\b"),
    ("means", S, r"\b(?:got|have|'ve got) (?:the|my|all my|all the) (?:pills|rope|noose|gun|knife|blade) "
                 r"(?:ready|lined up|here|out)\b|\bgot everything (?:ready|sorted)\b"),
    ("means", V, r"\b(?:taking|bringing|take|bring) (?:my|a|the|his|her) (?:gun|rifle|knife|weapon|pistol|shotgun) "
                 r"to (?:school|work|his|her|their|the)\b"),
    ("passive", S, r"\b(?:hope|hoping|wish|pray) (?:that )?i (?:get|got|gets) (?:hit|run over|killed)\b|"
                   r"\b(?:die|dying) in my sleep\b|\bthis is (?:goodbye|my goodbye)\b"),
    ("question", S, r"\b(?:googl\w+|search\w*|look\w* up|research\w*) (?:ways|how) to (?:die|kill myself|end it)\b|"
                    r"\bbest way to (?:die|kill myself|end it)\b"),
    ("past", S, r"\b(?:died by suicide|killed (?:him|her|them)self|took (?:his|her|their) own life)\b"),
    ("past", SH, r"\b(?:scratch|cut|burn|hit|punch|carv)\w* (?:my )?(?:arms?|legs?|wrists?|thighs?|skin|stomach)\b"
                 r"[^.!?]{0,20}\b(?:bled|bleed|again|on purpose|until)\b"),
    ("passive", S, r"\bxgravex\W*(?:me|for me|soon)\b"),
    ("passive", S, r"\b(?:goodbye|bye) (?:everyone|all|world|forever)\b|\bthis is my (?:last|final) "
                   r"(?:post|message|goodbye)\b|\bgiving away my (?:things|stuff|belongings)\b|"
                   r"\bwhen i'?m gone\b|\bthank you (?:all )?for everything\W+goodbye\b"),
    ("act", OD, r"\b(?:i |i've |i have |she |he |they |just )(?:just )?(?:took|taken|swallowed|downed)\s+"
                r"(?:all|every|everything|\d+|a (?:whole )?bottle|a bunch|a handful|loads|the whole)\b"),
    ("act", OD, r"\b(?:took|taken|swallowed|downed)\s+(?:(?:like|about|around|over|maybe|almost)\s+)?(?:\d+|all|a whole|the whole|every|a (?:bunch|handful|"
                r"packet|box|bottle))\s+(?:of\s+)?(?:my\s+|the\s+|her\s+|his\s+|their\s+)?(?:\w+\s+)?"
                r"(?:pills|meds|tablets|xpillsx|packet|bottle|box|antidepressants|painkillers|benzos|opioids|insulin|"
                r"\w+(?:ine|ol|am|ide|one|in))\b"),
    ("act", OD, r"\b(?:i'?m|i am|she'?s|he'?s) (?:overdosing|od'?ing)\b"),
    ("act", SH, r"\b(?:won'?t|doesn'?t|can'?t make it) stop bleeding\b|\bcut (?:too |so |really |much )?deep(?:er)?\b|\bblood everywhere\b|\bbleeding (?:a lot|"
                r"everywhere|badly)\b"),
    ("act", SH, r"\b(?:i'?m|i am) cutting (?:myself|again|right now|now)\b"),
    ("means", S, r"\b(?:the |my )?(?:rope|noose|xropex|gun|xgunx) (?:is |'s )?(?:ready|tied|loaded)\b|"
                 r"\b(?:have|got|bought) (?:the|a) (?:rope|noose) ready\b|\bbought a (?:gun|rope|noose)\b|"
                 r"\b(?:written|wrote|writing) (?:my|a) (?:suicide )?(?:note|goodbye letter|letter to my)\b|"
                 r"\bgot everything i need\b"),
    ("means", OD, r"\b(?:saving|saved|stockpiling|hoarding) (?:up )?(?:my |all my )?(?:\w+ )?(?:pills|meds|"
                  r"tablets)\b|\bpills (?:are )?lined up\b"),
    ("means", SH, r"\b(?:blade|razor|knife|xknifex) in my hand\b"),
    ("means", S, r"\b(?:holding|have|got) (?:the|a|my|his|her) (?:gun|xgunx|rope|noose|pills|blade|razor)"
                 r"(?: (?:in my hand|right now|now|to my head))\b|\b(?:the )?(?:pills|gun|rope|blade|razor|knife) "
                 r"(?:is |are )?(?:in front of me|next to me|on my lap)\b|\b(?:suicide|goodbye) (?:note|letter)\b"),
    ("means", V, r"\bbring(?:ing)? (?:a|my|my dad'?s|his|the) (?:gun|knife|weapon|rifle) to (?:school|work)\b"),
    ("weak_means", NO_CATEGORY, r"\b(?:i|he|she) (?:have|has|got|'ve got) (?:a|the|my|his|her) (?:gun|knife|"
                                r"rope|blade|razor|pills)\b|\bwith a (?:knife|gun)\b"),
    ("plan", S, r"\b(?:i have|i've got|i made|got) a plan\b"),
    ("place", S, r"\b(?:on|at) the (?:bridge|roof|ledge|edge|tracks|railway|cliff|train station|platform)\b"),
    ("question", OD, r"\bhow (?:many|much)\b[^.?!]{0,40}\b(?:would it take|does it take|to take|do i need|"
                     r"is enough|would) (?:to )?(?:die|not wake up|never wake up|kill|overdose|be fatal)"),
    ("question", OD, r"\b(?:lethal|fatal|deadly) dose\b|\bbefore (?:it|they) kills? (?:you|me|them|someone)\b|"
                     r"\bbefore (?:it|they) stops? (?:your|my|the) heart\b|"
                     r"\b(?:\d+|how many|how much)\b[^.?!]{0,40}\b(?:be )?enough to (?:die|kill (?:me|myself|you)|not wake up)\b"),
    ("abuse", A, r"\b(?:he|she|they|my \w+)(?: \w+){0,3}? (?:hits|beats|hurts|chokes|slaps|kicks|punches|touches|"
                 r"pushes|rapes|abuses) (?:\w+ ){0,3}(?:and )?me\b"),
    ("abuse", A, r"\b(?:i'?m|i am|i feel|i don'?t feel) (?:not )?(?:safe|unsafe) (?:at home|with (?:him|her))\b|"
                 r"\b(?:scared|afraid) to go home\b|\bthreaten(?:ed|s)? to (?:hurt|kill|beat) me\b|"
                 r"\b(?:forced|forces) me to\b|\b(?:says|said) (?:he|she)'?(?:ll| will) (?:kill|hurt) me\b"),
    ("abuse", A, r"\b(?:is|are|'s|'re) (?:beating|hitting|hurting|choking|strangling) (?:her|him|me|my \w+)\b"),
    ("medical", M, r"\b(?:unconscious|not breathing|stopped breathing|won'?t wake up|can'?t wake (?:her|him|them)"
                   r"|having a seizure|unresponsive)\b"),
    ("distress", NO_CATEGORY,
     r"\b(?:lonely|so alone|pointless|hopeless|exhausted|empty|numb|failure|worthless|crying (?:every|all)|"
     r"can'?t cope|burn(?:t|ed) out|depress(?:ed|ion)|cravings?|relapsed|griev(?:e|ing)|grief|i miss (?:my|him|"
     r"her)|stressed|panic attacks?|overwhelmed|can'?t go on|nobody (?:really )?(?:gets|understands|cares)|"
     r"no point|falling apart|miserable|struggling|drowning in|so sad|heartbroken|used again|drank again|"
     r"the point of anything|scared all the time|unbearable|anxious|feels? (?:so )?heavy|i'?m a (?:mess|wreck)|anniversary of)\b"),
    # Third round (2026-11-30): general forms of passive ideation and goodbyes that the earlier
    # rules only had in one wording (found on the retired evaluation sets, written as families).
    ("passive", S, r"\b(?:don'?t|do not|can'?t|cannot|no longer|never) see (?:the |any |much )?(?:point|reason) "
                   r"(?:in|of|for) (?:living|life|being alive|being here|going on|carrying on|staying)\b"),
    ("passive", S, r"\b(?:better off|be fine|cope fine|be happier|be easier)\b[^.!?]{0,20}\bif i (?:just )?"
                   r"(?:wasn'?t|weren'?t|was not|were not|stopped being|didn'?t) (?:around|here|alive|exist)"),
    ("passive", S, r"\b(?:the world|everyone|everybody|nobody|no one) (?:doesn'?t|does not|won'?t|wouldn'?t) "
                   r"(?:need|miss|notice) me (?:in it|anymore|at all|if i (?:was|were) gone)\b|"
                   r"\b(?:dead|die|end up dead) by my own hand\b"),
    ("passive", S, r"\b(?:you )?won'?t (?:hear from|see) me (?:again|after (?:this|today|tonight))\b"),
    ("act", OD, r"\b(?:took|swallowed|downed) (?:everything|all(?: of)? (?:the|my) (?:\w+ )?(?:pills|meds|tablets))"
                r" (?:in|from) (?:the|my) (?:medicine )?(?:cabinet|cupboard|drawer|box|bottle)\b|"
                r"\b(?:drank|swallowed|downed) (?:half |most of )?(?:a|the) (?:\w+ )?bottle of (?:bleach|antifreeze|"
                r"pills|vodka and (?:my |the )?pills)\b"),
    # Fourth round (2026-11-30): families found on the third blind set after it was scored.
    ("desire", S, r"\b(?:suicide|killing myself|ending it|ending my life|kill option) (?:has|have|'s|is|keeps?) "
                  r"(?:been )?(?:on|in) my (?:mind|head)\b"),
    ("act", OD, r"\b(?:took|taken|had|swallowed|downed|done)\s+(?:way |far )?too (?:much|many)\s+(?:of (?:my |the )?)?"
                r"(?:fent|fentanyl|heroin|pills|meds|tablets|xanax|oxy|xpillsx|\w+(?:ine|ol|am|pam|done|lam))\b|"
                r"\b(?:took|swallowed|taken) (?:them|it) all\b|"
                r"\b(?:took|swallowed|taken|had) (?:all )?my (?:whole |entire )?(?:month|week|months|weeks)'?s? "
                r"(?:of|supply)\b|\b(?:pills|tablets|meds|xpillsx) (?:are )?in my (?:hand|mouth)\b|"
                r"\btaking (?:them|the rest|the pills) (?:now|tonight|when these)\b"),
    ("means", OD, r"\b(?:saving|stockpiling|hoarding|collecting|been saving|saved up) (?:up )?(?:my |the |her |his |"
                  r"mum'?s |mom'?s )?(?:\w+ )?(?:pills|meds|tablets|medication|prescriptions?)\b"),
    ("act", S, r"\b(?:lying|lay|sitting|standing) on the (?:train |railway )?(?:tracks|rails)\b|"
               r"\bpast the (?:fence|railing|barrier)\b"),
    ("act", SH, r"\b(?:i )?cut my wrists\b"),
    ("past", SH, r"\breopen(?:ing|ed)? (?:the|a|my) (?:same )?(?:cut|wound)s?\b|\bpunching walls (?:till|until)\b"),
    ("place", S, r"\bon (?:the|his|her|my|a) (?:window )?ledge\b"),
    ("passive", S, r"\bwon'?t be (?:around|on) (?:here )?(?:anymore|any more|much longer)\b|\blast message from me\b|"
                   r"\b(?:done|so done|tired) with being alive\b|\bwhy do i keep waking up\b|"
                   r"\bshould have been me (?:who|that) died\b|\bwant to be wherever (?:he|she|they) (?:is|are)\b|"
                   r"\bthe one that takes me out\b|\bif (?:a|the) (?:bus|car|truck|lorry|train) hit me\b"),
    ("abuse", A, r"\b(?:shoved|pushed|slammed|threw) me (?:into|against|down)\b|\bcomes? into my room at night\b|"
                 r"\b(?:choke|choked|chokes|choking) (?:you|me|her)\b|"
                 r"\b(?:hits|hit|beats|beat) (?:my )?(?:mum|mom|mother|her|me) when (?:he|she)(?:'s)? (?:drinks|drunk)\b|"
                 r"\bthreatening (?:my )?(?:mum|mom|her|me|us) with a (?:knife|gun|bat)\b|"
                 r"\b(?:he|she)'?ll kill me\b"),
    ("desire", V, r"\bwant to (?:really )?hurt (?:the|that|this) (?:kid|guy|man|woman|boy|girl)\b|"
                  r"\bi hit my (?:son|daughter|kid|child|baby)\b"),
    ("medical", M, r"\blips (?:are|look|looked|went) (?:blue|purple|grey|gray)\b|"
                   r"\bslurring and (?:won'?t|can'?t) stay awake\b"),
]

_ES_ACTS = {
    S: (r"(?:(?:el )?suicidio|morir(?:me|se)?|matar(?:me|se)|quitar(?:me|se) la vida|suicidar(?:me|se)|tirar(?:me|se) (?:del|de un|"
        r"de la|por la|al) \w+|ahorcar(?:me|se)|desaparecer para siempre|acabar con (?:todo|mi vida)|"
        r"dejar de (?:existir|vivir)|no (?:estar|seguir) aqui|no despertar(?:me)?|quitar(?:le|se) la vida)"),
    SH: (r"(?:cortar(?:me|se)|hacer(?:me|se) dano|autolesionar(?:me|se)|quemar(?:me|se)|hacer(?:me|se) cortes|"
         r"dar(?:me|se) (?:golpes|punetazos)|golpear(?:me|se)|pegar(?:me|se) (?:a mi mism[oa]|golpes))"),
    OD: (r"(?:tomar(?:me|se)? (?:todas|todo) (?:las|mis|el bote de|el bote|la caja de) (?:\w+ )?(?:pastillas|xpillsx)?|"
         r"una sobredosis)"),
    V: r"(?:matar(?:lo|la|los|las)|apunalar(?:lo|la)|matar a (?:mi|su|ese|esa|el|la) \w+|hacerle dano a \w+)",
}
_ES_SUBJECT = r"(?:(?:yo|el|ella|mi \w+)\s+)?(?:(?:de verdad|solo|a veces|ya|todavia|aun|tambien)\s+)*"
_ES_FRAMES = {
    "desire": (r"(?:quiero|quiere|quisiera|me quiero|se quiere|ganas de|pienso en|piensa en|pensando en|"
               r"pensar en|deseo|necesito|dice que quiere|he pensado en|"
               r"(?:pienso|piensa|pensando|pensar|he pensado)(?: \w+){1,3}? en|lo unico que quiero es|(?:lo que )?quiero es)"),
    "intent": r"(?:me ha escrito que se va a|dice que se va a|voy a|va a|vamos a|me voy a|se va a|hoy me voy a|pienso|decidi)",
    "past": r"(?:intente|intento|quise|queria|quiso|he intentado|trate de|pensaba en)",
}
_ES_FILL = r"(?:\s+(?:ya|solo|de verdad|y))*\s+"
# Clitic moved before the verb: "me voy a matar", "me quiero morir", "se va a tirar".
_ES_CLITIC_ACTS = {
    S: r"(?:matar|morir|quitar la vida|suicidar|tirar (?:del|de un|por la|al) \w+|ahorcar)",
    SH: r"(?:cortar|hacer dano|autolesionar|quemar)",
    OD: r"(?:tomar todas (?:las|mis) pastillas)",
}

_ES = [
    *(
        (kind, category, rf"\b{_ES_SUBJECT}{frame}{_ES_FILL}{act}\b")
        for kind, frame in _ES_FRAMES.items() for category, act in _ES_ACTS.items()
    ),
    *(
        (kind, category, rf"\b(?:{verbs}) a? ?{act}\b")
        for kind, verbs in (("desire", "me quiero|se quiere|me quisiera|te quieres"),
                            ("intent", "me voy|se va|te vas|se van"),
                            ("past", "me quise|se quiso|me intente|se intento"))
        for category, act in _ES_CLITIC_ACTS.items()
    ),
    ("desire", S, r"\b(?:soy|estoy|me siento|sentirme)\s+(?:\w+\s+)?suicida\b|\bpensamientos suicidas\b|"
                  r"\bideas suicidas\b"),
    ("intent", S, r"\b(?:me|se) (?:quito la vida|tiro (?:del|de un|por la) \w+|ahorco)\b"),
    # "me mato" is also "me mató" (it killed me: "ese chiste me mató") once accents are folded.
    ("intent", S, r"\b(?:hoy|esta noche|manana|ahora) me mato\b|\bme mato (?:hoy|esta noche|manana|ahora)\b"),
    ("intent", OD, r"\b(?:me|se) tomo todas (?:las|mis) (?:\w+ )?pastillas\b"),
    ("past", SH, r"\b(?:me volvi a cortar|volvi a cortarme|me corte (?:otra vez|de nuevo|los brazos|las piernas|"
                 r"las munecas|el brazo|la pierna)|me (?:queme|quemaba) (?:el brazo|la pierna|a proposito)|"
                 r"me autolesionaba|me autolesiono|me cortaba)\b"),
    ("past", S, r"\b(?:intento de suicidio|se quito la vida|se suicido)\b"),
    ("past", OD, r"\b(?:tuve|tuvo) una sobredosis\b|\bse tomo (?:muchas|todas las|un bote de) pastillas\b"),
    ("past", SH, r"\bme (?:vuelvo a |volvi a )?(?:hacer|hago|hice|hacia) cortes\b"),
    ("passive", S, r"\bquiero que (?:todo|esto|mi vida) (?:termine|acabe|se acabe|se termine)\b|"
                   r"\bprefiero (?:estar muert[oa]|morir(?:me)?|no existir)\b|\bno veo (?:ninguna )?salida\b|"
                   r"\bya no aguanto (?:mas )?(?:vivir)\b|\besto es una despedida\b"),
    # Added from the training set's misses (2026-11-30; never from an evaluation set).
    ("passive", S, r"\bojala (?:me muera|me muriera|no existiera|me muero)\b|"
                   r"\bno (?:llegare|voy a llegar) (?:al|a) (?:verano|navidad|ano que viene|fin de ano)\b|"
                   r"\bmejor si (?:yo )?no (?:estuviera|existiera)\b"),
    ("desire", S, r"\b(?:el suicidio|matarme|morirme|quitarme la vida) no se me va de la cabeza\b|"
                  r"\bideas de suicidio\b"),
    ("act", OD, r"\b(?:me|se) (?:he|ha) tomado (?:un monton de|todos los \w+|las pastillas de \w+)\b"),
    ("past", SH, r"\b(?:me (?:volvi a )?hice sangre|volvi a hacerme sangre|me volvi a hacer sangre|hasta sangrar)\b"),
    ("place", S, r"\ben lo alto (?:del|de la|de un|de una) (?:acantilado|edificio|puente|azotea|torre)\b"),
    ("intent", V, r"\b(?:hoy|esta noche|manana) lo mato\b|\blo mato (?:hoy|esta noche|manana)\b|"
                  r"\bdisparar en (?:el instituto|el colegio|la escuela|clase)\b"),
    ("medical", M, r"\brespira (?:muy )?(?:despacio|lento|poco)\b|\blabios (?:azules|morados)\b"),
    ("recovery", SH, r"\bsin (?:cortarme|autolesionarme|hacerme dano)\b"),
    ("passive", S, r"\bojala\b[^.!?]{0,30}\bno (?:despertar\w*|existir|estar aqui|haber nacido)\b|"
                   r"\bojala (?:estuviera|estar) muert[oa]\b|\bojala no hubiera nacido\b"),
    ("passive", S, r"\b(?:estarian|estaria|estarias) mejor sin mi\b"),
    ("passive", S, r"\bno quiero (?:seguir viviendo|vivir|existir|estar aqui|despertar(?:me)?|seguir)\b"),
    ("passive", S, r"\b(?:cansad[oa]|hart[oa]) de vivir\b|\bno tiene sentido vivir\b|\bla vida no vale la pena\b"),
    ("passive", S, r"\badios a todos\b|\bmi ultimo mensaje\b|\bregalando mis cosas\b|\bcuando ya no este\b"),
    ("passive", S, r"\bquiero desaparecer para siempre\b|\b(?:sobro|estorbo) en (?:este mundo|esta vida)\b|"
                   r"\bno me veo (?:viv[oa]|aqui) (?:el ano que viene|dentro de|mucho)\b"),
    ("act", OD, r"\b(?:me acabo de tomar|acabo de tomarme|me tome|se tomo|me he tomado|se ha tomado) "
                r"(?:todas|todo|un bote|\d+|una caja|muchas)\b"),
    ("act", SH, r"\bno (?:para|deja) de sangrar\b|\b(?:demasiado|muy) (?:hondo|profundo)\b|\bme estoy cortando\b|"
                r"\bsangrando (?:mucho|muchisimo|sin parar)\b"),
    ("means", S, r"\b(?:la pistola|el arma|la cuerda|el cuchillo|la navaja|las pastillas) (?:en la mano|delante)\b"),
    ("means", S, r"\b(?:la cuerda|el arma|la pistola) (?:esta )?(?:preparada|lista|cargada)\b|"
                 r"\bcarta de despedida\b|\bcompre (?:una pistola|un arma|una cuerda)\b|\bya tengo todo\b|"
                 r"\b(?:lo )?tengo todo (?:preparado|listo)\b"),
    ("means", OD, r"\bpastillas (?:que tengo )?guardadas\b|\b(?:guardando|ahorrando) pastillas\b"),
    ("weak_means", NO_CATEGORY, r"\b(?:tengo|tiene) (?:un|una|la|el|las|mis) (?:cuchillo|pistola|arma|cuerda|"
                                r"pastillas|navaja)\b|\bcon un (?:cuchillo|arma|pistola)\b"),
    ("plan", S, r"\b(?:tengo|ya tengo) un plan\b"),
    ("place", S, r"\ben (?:el|la) (?:puente|azotea|tejado|cornisa|vias|acantilado|balcon|ventana|anden)\b"),
    ("question", OD, r"\bcuant[ao]s? \w+ (?:hacen falta|hace falta|necesito|tengo que tomar) para "
                     r"(?:morir|no despertar|matarme)\b|\bdosis (?:letal|mortal)\b"),
    ("abuse", A, r"\b(?:me|la|le) (?:pega|golpea|maltrata|toca|viola|ahorca|empuja)\b"
                 r"(?! (?:la|el|un|una) (?:soledad|bajon|bajona|sueno|hambre|tristeza|nostalgia|ansiedad|sol|calor|frio))|"
                 r"\bno estoy segur[oa] en casa\b|\bmiedo de volver a casa\b|\bme amenazo con\b|"
                 r"\bme obliga a\b|\bme va a matar\b|\besta pegando a\b|"
                 r"\bme esta (?:pegando|golpeando|ahogando|haciendo dano)\b"),
    ("medical", M, r"\b(?:inconsciente|no respira|no despierta|convulsionando)\b"),
    ("distress", NO_CATEGORY,
     r"\b(?:me siento (?:muy )?sol[oa]|inutil|duelo|echo (?:mucho )?de menos|ganas de (?:beber|consumir|"
     r"fumar)|reca[ií]|recaida|vaci[oa]|no puedo mas|agotad[oa]|fracaso|lloro|sin esperanza|ansiedad|"
     r"deprimid[oa]|depresion|desesperad[oa]|triste|agobiad[oa]|insoportable|ansios[oa]|volvi a (?:consumir|beber)|no duermo)\b"),
    # Fourth round (2026-11-30): families found on the third blind set after it was scored.
    ("passive", S, r"\bquitar(?:me|se) de en medio\b|\bno (?:quiero|puedo) (?:estar|seguir) (?:en este mundo|"
                   r"(?:aca|aqui)\b(?!\s+(?:en|con|de|mas|hoy|el|la|los|las|porque)))|"
                   r"\bno me deje amanecer\b|\bojala me (?:diera|de) un infarto\b|"
                   r"\bsin mi (?:vivirian|estarian|estaria|viviria) (?:mejor|tranquil\w+)\b|"
                   r"\b(?:vivirian|estarian) (?:mejor|tranquil\w+) sin mi\b|\bya me voy despidiendo\b"),
    ("act", OD, r"\bme empastille\b|\bme (?:meti|tome|trague) (?:una tira|un blister|una caja|un bote|todo lo que)\b|"
                r"\b(?:se bebio|bebio|me bebi|se tomo)\b[^.!?]{0,40}\b(?:anticongelante|lejia|veneno)\b"),
    ("means", S, r"\b(?:ya )?tengo la (?:soga|cuerda)\b|\btengo suficientes? (?:pastillas )?para (?:esta noche|hoy)\b|"
                 r"\bjuntando (?:las |mis )?pastillas\b"),
    ("act", S, r"\b(?:ya )?(?:pase|salte) la (?:valla|baranda|barandilla)\b|\bestoy en el borde\b|"
               r"\bbrasero\b[^.!?]{0,40}\bventana cerrada\b"),
    ("abuse", A, r"\bagarrad[ao] del cuello\b|\bme estampo\b|\bsi me acerco (?:lo|la|los) mata\b"),
]

RULES = {
    "en": [(kind, category, re.compile(pattern)) for kind, category, pattern in _EN],
    "es": [(kind, category, re.compile(pattern)) for kind, category, pattern in _ES],
}

# Context, judged per clause or per message.
DISTANT_PAST = re.compile(
    r"\b(?:\w+ years? ago|years ago|long ago|used to|back (?:then|when|in)|when i was (?:\d+|young|a (?:kid|"
    r"child|teen|teenager|student))|as a (?:kid|child|teen|teenager)|in (?:my|her|his) (?:early |late |mid )?(?:teens|twenties|thirties|20s|30s)|"
    r"in (?:19|20)\d\d|last year|\d+ years (?:on|later|clean|sober)|at (?:\d+|sixteen|fifteen)|"
    r"hace (?:\w+ )?(?:anos|ano|tiempo|mucho)|cuando tenia|de (?:adolescente|nin[oa]|joven|pequen[oa])|"
    r"el ano pasado|solia|hace anos|cuando era (?:adolescente|nin[oa]|joven|pequen[oa]|chic[oa])|"
    r"when i was (?:\w+teen|twenty\w*|thirty\w*|little|small|younger|in (?:school|high school|college)|at "
    r"(?:school|uni|university|college))|a long time ago|long before|before i got (?:sober|clean|help|better)|"
    r"when we were (?:teenagers|kids|young|at school)|cuando estaba en el (?:instituto|colegio))\b")
TIMEFRAME = re.compile(
    r"\b(?:tonight|tomorrow|today|this (?:weekend|evening|afternoon|morning|week)|on (?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|in (?:an|a few|\d+) (?:hours?|minutes?)|after (?:everyone|they|"
    r"the kids) (?:goes?|go|are|is) (?:to sleep|to bed|asleep)|when (?:they|everyone|my \w+) (?:are|is) "
    r"(?:away|asleep|out)|esta noche|manana|hoy|este fin de semana|el (?:lunes|martes|miercoles|jueves|viernes|"
    r"sabado|domingo)|en una hora|cuando se duerman)\b")
# A wish with one of these times is a plan ("I want to die tonight"); "today" and "now" describe
# how strong the feeling is, and only count with an intent ("I'm going to … today").
PLANNED_TIME = re.compile(
    r"\b(?:tonight|tomorrow|this (?:weekend|evening|afternoon)|on (?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)|in (?:an|a few|\d+) (?:hours?|minutes?)|after (?:everyone|they|the kids) (?:goes?|go|are|is) "
    r"(?:to sleep|to bed|asleep)|esta noche|manana|este fin de semana|el (?:lunes|martes|miercoles|jueves|viernes|"
    r"sabado|domingo)|en una hora|cuando se duerman)\b")
HABITUAL = re.compile(r"\b(?:every (?:day|night|morning)|most (?:days|nights)|all the time|every other day|"
                      r"todos los dias|todas las noches|casi todos los dias|a menudo)\b")
# "now", or an intent someone has just reported ("she just told me she's going to…").
NOW = re.compile(r"\b(?:right now|now|ahora mismo|ahora|ya mismo|just (?:told|texted|said|sent|messaged|called)|"
                 r"acaba de (?:decir|escribir|mandar|llamar))\b")
WEAPON = re.compile(r"\b(?:gun|rifle|pistol|shotgun|knife|xgunx|xknifex|pistola|arma|cuchillo|navaja|escopeta)\b")
PERSON_TARGET = re.compile(r"\b(?:him|her|them|(?:his|her|their) (?:house|place|work)|buscarl[oa]s?|a por (?:el|ella)|"
                           r"su casa|matarl[oa]s?)\b")
INTENT_WORDS = re.compile(r"\b(?:going to|i'll|i will|voy a|vamos a|va a)\b")
EMOJI_MEANS = re.compile(r"\b(?:xknifex|xropex|xgunx|xpillsx|xbloodx)\b")
EMOJI_INTENT = re.compile(r"\b(?:tonight|right now|ready|decided|goodbye|bye|done|over|esta noche|decidido|"
                          r"ahora|adios|lista|listo)\b")
NEGATION = re.compile(r"\b(?:don'?t|do not|never|won'?t|will not|wouldn'?t|not|no longer|nunca|jamas|no)\b")
# Someone addressed or in general, not the writer: "if you are having thoughts of suicide, call 988".
CONDITIONAL_OTHER = re.compile(
    r"\b(?:if|when|whenever) (?:you|anyone|someone|somebody|u|they|the (?:thoughts|urges?|feelings))\b|"
    r"\b(?:support|help|acompanar a|ayudar a) (?:a friend|someone|alguien)\b|\b(?:anyone|someone) (?:who|that) "
    r"(?:is|feels|has)\b|\bsi (?:estas|sientes|alguien|alguna vez|piensas|tienes|te)\b|\balguien que\b")
EDUCATION = re.compile(
    r"\b(?:prevention|awareness|research|studies|study|statistics|training|workshop|warning signs|documentary|"
    r"film|movie|novel|character|villain|scene|book|article|chapter|prevencion|taller|estudios|"
    r"investigacion|novela|pelicula|personaje|capitulo|senales de alerta|concienciacion|charla|charlas|talk|"
    r"hablamos de|talked about|first aid|primeros auxilios)\b")
FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'll|i'd|me|my|myself|yo|mi|quiero|tengo|estoy|voy a|quise|intente)\b")
LAUGHTER = re.compile(r"\bxlolx\b")
LYRICS = re.compile(r"\b(?:lyrics?|song|sings?|singing|xsongx|letra|cancion|temazo|track)\b")
QUOTED = re.compile(r"\"[^\"]{3,}\"|(?<!\w)'[^\n]{3,}?'(?!\w)")
# An idiom's tail: "me va a matar de aburrimiento", "I could die of embarrassment".
IDIOM_TAIL = re.compile(r"^\W*(?:de (?:risa|aburrimiento|hambre|susto|verguenza|pena|calor|frio|sueno|ganas|amor)|"
                        r"(?:of|from) (?:laughter|embarrassment|boredom|shame|cringe|hunger)|on my feet)\b")
JUMP = re.compile(r"\b(?:jump|jumping|step in front|saltar|tirar|tirarme|tirarse|salto)\b")
CLAUSES = re.compile(r"[.!?;\n]+|,\s+(?=(?:but|today|now|pero|hoy|ahora|though)\b)")
