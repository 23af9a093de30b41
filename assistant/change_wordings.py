"""The wordings that ask for changes: about a topic ("What is changing in palliative care for Harrow residents?",
"hospice care changes for Brent residents", "Are there plans to change hospice services in Harrow?"), or about a
place with no topic, where any word for change or plans will do ("Ealing: what's changing?"). assistant/
change_question.py decides, with these, which sentence of a message asks and what it asks of the register.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.message_parts import POLITE_ASK
from assistant.spelling import by_first_letters, respell

# The words these wordings turn on, as people mistype them ("a bullet list of all chnages to end-of-life services",
# "everythng", "diffrent"): respelled like topic keywords (assistant/spelling.py: a word no dictionary knows, one
# edit from one of these and starting with its first two letters), so a typo does not turn a request for the
# changes into a passage search.
_CHANGE_VOCABULARY = (
    "change changes changing changed different difference differences planned planning happening improvement "
    "improvements everything upcoming proposed proposals"
)
_MIN_CHANGE_WORD = 6


@cache
def _change_words() -> dict[str, tuple[str, ...]]:
    return by_first_letters(_CHANGE_VOCABULARY.split(), _MIN_CHANGE_WORD)


# Chat shorthand for the words a question is asked with ("wat is changing", "what r the plans", "can u list").
_SHORTHAND = {
    "wat": "what",
    "wot": "what",
    "wats": "whats",
    "wots": "whats",
    "wat's": "what's",
    "wot's": "what's",
    "r": "are",
    "u": "you",
    "ur": "your",
}
_SHORTHAND_WORD = re.compile(r"(?<![\w&'’])(?:" + "|".join(_SHORTHAND) + r")(?![\w&'’])", re.I)
# Lowercase letters standing for words ("wat's changing w palliative care"), never a capital ("W London").
_LETTER_WORDS = {"w": "with", "n": "and"}
_LETTER_WORD = re.compile(r"(?<![\w&'’/-])[wn](?=\s+[a-z])")
# What a voice typed between words: "okay so um what is changing … overall and uh is there anything new".
_SPOKEN_FILLER = re.compile(r"(?<![\w'’])(?:um+|uh+|erm+|er|uhm+|hmm+)(?![\w'’])[,.]?\s*")


def respelled_change_words(text: str) -> str:
    """The text with misspelt words for change written as the words ("chnages" → "changes"), chat shorthand as
    the words it stands for ("wat is changing" → "what is changing") and a voice's fillers ("um", "uh") left out."""
    text = _SHORTHAND_WORD.sub(lambda m: _SHORTHAND[m.group().lower()], text)
    text = _LETTER_WORD.sub(lambda m: _LETTER_WORDS[m.group()], _SPOKEN_FILLER.sub("", text))
    return respell(text, _change_words(), _MIN_CHANGE_WORD)


# How settled a change is, in a question's words ("what has been decided", "signed off vs still only proposed").
SETTLED_WORDS = r"(?:decided|agreed|approved|confirmed|signed\s+off)"
_NEW_TERMS = r"(?:is|are|'s|be)\s+new|new\s+(?:services?|in)\b"
_CHANGE_TERMS = (
    r"chang(?:e|es|ed|ing)|differen(?:t|ce|ces)|differ|transform(?:ing|ed)\b|alter(?:s|ed|ing|ations?)?\b|" + _NEW_TERMS
)
_CHANGE_WORD = r"\b(?:" + _CHANGE_TERMS + ")"
# What is done to services, asked as it happens: "whats being added or cut round here?"
_BEING_CHANGED = (
    r"\bbeing\s+(?:added|cut|closed|expanded|extended|opened|scrapped|reduced|axed|introduced|stopped|taken\s+away)\b"
)
# What is being done about something, asked (not told): "Is anything actually being done to make appointments
# easier to get?", "What is Hounslow doing to reduce waits for diagnostic tests?", "How is Hammersmith and Fulham
# working to get older people home quicker?", "Are care homes getting any extra support?", "are cancer waiting
# times getting any better?"
_BEING_DONE = (
    r"(?:is|are)\s+(?:there\s+)?(?:(?:anything|something|much|more|enough)\s+)?(?:(?:actually|really|now|currently)\s+)?"
    r"being\s+done\b"
    r"|(?:what|whats)(?:['’]s|\s+is|\s+are)?\s+(?:[\w&'’-]+\s+){0,9}?(?:being\s+done|doing\s+(?:about|to|for))\b"
    r"|how\s+(?:is|are)\s+(?:[\w&'’-]+\s+){1,5}?working\s+(?:to|on)\b|will\s+[^?.!]*?\bbe\s+doing\s+more\b"
    r"|(?:are|is)\s+[^?.!]*?\bgetting\s+any\s+(?:better|shorter|quicker|faster|extra|more|additional)\b"
    r"|what(?:['’]s|\s+is|\s+are)\s+the\s+(?:long|longer)[\s-]term\s+plans?\b"
    # "Is the NHS doing anything in Ealing to …", "Is Harrow planning better support …", "Will the new teams give
    # extra support to care homes?"
    r"|(?:is|are)\s+[^?.!]*?\bdoing\s+(?:anything|something|much|enough|more)\b"
    r"|(?:is|are)\s+(?:[\w&'’-]+\s+){1,4}?planning\b"
    r"|will\s+[^?.!]*?\b(?:give|offer|provide|bring)\s+(?:any\s+)?(?:extra|more|additional|better|new)\b"
)
# What a plan means for the people it serves: "the implications of the new model for Harrow", "every implication of
# it for Hillingdon patients".
_IMPLICATIONS = r"(?:implications?|consequences?)\s+(?:of\s+[^?.!]*?\s+)?for"
BROAD_CHANGE = re.compile(
    r"\b(?:"
    + _CHANGE_TERMS
    + r"|(?:reshap|redesign|reorganis|restructur|overhaul)\w*|new\s+(?:[\w-]+\s+){0,4}?model\b|consult(?:ing|ation)\b"
    r"|(?:bring(?:ing|s)?|brought)\s+in\b|introduc(?:e|es|ing)\b"
    # asked, not told: "whats being added or cut?", not "I'm worried services are being cut"
    r"|(?:what|whats|what's|which|anything|everything)\s+(?:[\w'’]+\s+){0,3}?" + _BEING_CHANGED + r"|"
    # what has been settled and what not: "What has been decided for health and care in H&F and what's still up in
    # the air?"
    r"what(?:'s|\s+(?:has|have))\s+been\s+" + SETTLED_WORDS + r"\b|up\s+in\s+the\s+air\b"
    r"|new\s+plans?\b|(?<!was\s)(?<!were\s)(?<!had\s)plann(?:ed|ing)\b|plans\b"
    r"|plan\s+(?:for|mean)|upcoming|"
    + _BEING_DONE
    + r"|coming\s+(?:up|for|to|in)\b|(?<!was\s)(?<!were\s)happening\b|means?\s+for\b|forthcoming\b"
    r"|(?:service\s+)?developments\b"
    r"|in\s+the\s+pipeline\b|on\s+the\s+horizon\b|news\b|improvements?\b|future\s+(?:of|for)\b"
    r"|(?:every|each|any|all)\s+(?:[\w&-]+\s+){0,4}?development\b"
    r"|will\s+[^?.!]*?\blook\s+like\b|(?:whole|big|full|overall)\s+picture\s+(?:for|in)\b"
    # what a plan means for people: "every implication of it for Hillingdon patients"
    r"|" + _IMPLICATIONS + r"\b"
    # "ealing priorities next 5 years": priorities looking ahead are the plans.
    r"|priorit(?:y|ies)\b(?=[^?.!]*\b(?:next|coming|ahead|future|forward)\b))",
    re.I,
)
# "plan" as a noun ("the workforce plan for Brent") names a document; "what's the plan for", "plans for",
# "planned" and "proposed" ask for changes.
_PLAN_WORD = (
    r"\b(?:plann(?:ed|ing)|plans\s+(?:for|to)\b|(?:'s|is)\s+the\s+(?:new\s+|future\s+|overall\s+|main\s+)?plan\s+for\b"
    r"|proposed"
    r"|proposals?\s+(?:for|to)\b"
    r"|upcoming|coming\s+(?:up|in)\b)"
)
_PAST = r"(?![^?.!]*?\b(?:was|were|did|had)\b)"
# Asking for something to be written or listed: "Could you write a short paragraph … explaining what …", "please
# provide a complete overview of …", "set out in a table …".
REQUEST_VERB = (
    r"list(?:ing)?|summari[sz](?:e|ing)|outlin(?:e|ing)|tell\s+(?:me|us)|show\s+(?:me|us)|explain(?:ing)?|describ(?:e|ing)|set\s+out"
    r"|give(?:\s+(?:me|us))?|provide|write|draft|prepare|produce|(?:put|pull)\s+together|(?:lay|spell|map)\s+out"
    r"|break\s+down"
    r"|(?:walk|talk|take|run|go)\s+(?:(?:me|us)\s+)?through"
)  # "what was planned in 2020" asks about history, not changes
_POLITE = r"(?:" + POLITE_ASK + r"|please\s+)?"
# The accounts a request asks for: "an overview of", "a rundown of", "a summary of".
_REQUEST_NOUN = (
    r"\b(?:overview|summary|rundown|run-down|breakdown|briefing|outline|round-?up|explanation|run-?through|picture"
    r"|account)"
)
# What the asker says is coming before the question: "two things really what's changing …", "quick question: is …".
ASK_LEAD = r"(?:(?:(?:two|three|a\s+couple\s+of|a\s+few)\s+things|(?:one|a|quick)\s+question)(?:\s+really)?\W+)?"
# Tried on the sentence and on what follows each comma, colon or dash in it ("Patients keep asking me about
# palliative care - can you tell me what's planned for Ealing?").
TOPIC_CHANGE = re.compile(
    # a numbered part of a request ("could you set out: 1) what is changing in …, 2) what is entirely new")
    r"^\W*(?:\d{1,2}[.)]\s*)?(?:(?:hi|hello|hey)\W+)?(?:(?:and|so|ok|then)\W+)?"
    + ASK_LEAD
    + _POLITE
    + r"(?:(?:what|which|whats)\b[^?.!]*?(?:"
    + _CHANGE_WORD
    + r"|"
    + _BEING_CHANGED
    + r"|\bhappening\b|\bgoing\s+to\s+mean\b|\bmeans?\s+for\b|\bgoing\s+forward\b|\bin\s+(?:the\s+)?future\b"
    + r"|\bnew\s+(?:[\w-]+\s+){0,2}?(?:(?:or|and|&)\s+[\w-]+\s+)?(?:care|services?|support|teams?|clinics?|beds)\b)"
    + r"|(?:what|which)\b"
    + _PAST
    + r"[^?.!]*?"
    + _PLAN_WORD
    + r"|how\s+(?:[\w&'-]+\s+){0,8}?(?:will|is|are|do|does)\s+(?:[\w&'-]+\s+){0,10}?(?:(?:chang(?:e|ing)|alter"
    r"|be\s+different)\s*(?:(?:[\w-]+\s+){1,2}?)?(?:\b(?:in|for|across|over|under|once|after|with)\b|[?!.]|$)|affect\b|(?:being\s+)?(?:reshap|redesign|reorganis"
    r"|restructur|transform)\w*|(?:being|be)\s+(?:improv|expand|extend)\w*)"
    r"|(?:please\s+)?(?:(?:can|could|would)\s+(?:you|u|someone|anyone|somebody)\s+(?:please\s+)?)?(?:"
    + REQUEST_VERB
    + r")\b"
    r"[^?.!]*?"
    + r"(?:"
    + _CHANGE_WORD
    + r"|"
    + _PLAN_WORD
    # "give a complete summary of the new palliative care model"
    + r"|\bnew\s+(?:[\w&-]+\s+){0,4}?(?:model|plan)\b)"
    + r"|(?:(?:are|is)\s+there\s+)?any\s+(?:plans?|proposals?|changes?)\b"
    # "Are there any new palliative or hospice at home services planned for Hounslow?"
    r"|(?:(?:are|is)\s+there|will\s+there\s+be)\s+(?:going\s+to\s+be\s+)?(?:any\s+|an?\s+|anything\s+|something\s+)?(?:new|more|extra|additional|better"
    r"|improved)\b"
    # "How is end of life care going to work under the new arrangements?", "How will palliative care look after the
    # new model?"
    r"|how\b[^?.!]*?\b(?:under|after|once)\s+the\s+new\b"
    # "end of life care in hillingdon - will it change?", "will services in Brent change?"
    r"|will\s+(?:[\w&'-]+\s+){1,5}?(?<!\bany\s)(?<!\ba\s)(?<!\bno\s)(?<!\bthe\s)change\b"
    # "What will end-of-life support look like under the new arrangements?", "What does the new end of life care
    # set-up look like?"
    r"|what\s+(?:will|would)\s+[^?.!]*?\blook\s+like\b|what\s+(?:does|do)\s+[^?.!]*?\bnew\b[^?.!]*?\blook\s+like\b"
    r"|(?:are|is)\s+there\s+(?:plans?|proposals?|changes?)\b|"
    + _BEING_DONE
    + r"|is\s+(?:anything|something)\s+(?:going\s+to\s+)?(?:chang|new\b|different\b|planned\b)"
    # "Are end of life services in Westminster changing?", "Is palliative care in Hounslow going to change?"
    r"|(?:are|is)\s+[^?.!]*?\b(?:chang(?:ing|ed)|going\s+to\s+change"
    r"|going\s+to\s+be\s+(?:[\w-]+\s+){0,4}?(?:different|better|new|improved)"
    r"|being\s+(?:altered|transformed|redesigned|reshaped|reorganised|restructured|changed|improved|expanded"
    r"|introduced|developed))\b"
    # "What should I tell my patients about the new community specialist palliative care model?"
    r"|what\s+(?:should|do|can|could|would)\s+(?:i|we)\s+(?:tell|say\s+to)\b[^?.!]*?\babout\s+(?:the\s+)?(?:new|proposed"
    r"|planned|upcoming)\b"
    # "What will the new palliative care model mean for people in H&F?"
    r"|what\s+(?:will|does|would)\s+[^?.!]*?\bmean\s+(?:\w+\s+){0,2}?for\b)"
    r"|\bchanges\s+(?:(?:being\s+)?(?:made|planned|proposed|coming)|to|in|for)\b|\bplans?\s+to\s+change\b"
    # "I want every change for Brent residents", "all the changes"
    r"|\b(?:every|each)\s+change\b|\ball\s+(?:of\s+)?(?:the\s+)?changes\b"
    # what a plan means for people: "every implication of it for Hillingdon patients"
    r"|\b" + _IMPLICATIONS + r"\b"
    # "what help will there be for him to die at home, and is any of it new?"
    r"|\b(?:is|are)\s+any\s+of\s+(?:it|them|this|these|that)\s+(?:new|different|changing|better|extra)\b"
    # what a consultation or a board decided: "What did it decide for Brent residents?", "what came out of it"
    r"|\bwhat\b[^?.!]*?\b(?:decided?|agreed|approved|came\s+out\s+of)\b"
    # now set beside what is coming: "a table of old vs new services", "compare current and new services"
    r"|\b(?:old|current|existing|present|now|today)\b[^?.!]{0,40}?\b(?:vs\.?|versus|and|to|with|against)\s+"
    r"(?:the\s+)?(?:new|proposed|future|planned)\b"
    # "Will this affect us in RBKC?", "Does RBKC have new arrangements for palliative care out of hours?"
    r"|\bwill\s+(?:this|that|it|these|the\s+changes?)\s+affect\b|\bdo(?:es)?\s+[^?.!]*?\bhave\s+(?:any\s+)?new\b"
    # "end of life care brent - anything different now?"
    r"|\b(?:anything|something)\s+(?:different|new)\W*(?:(?:now|here|locally|soon|coming)\W*)?$"
    # "Is Ealing getting anything new for people at the end of life?"
    r"|\b(?:getting|get|gets)\s+(?:anything|something)\s+(?:new|different|better|extra|more)\b"
    # "is brent actually getting any of the new palliative care stuff?"
    r"|\b(?:getting|get|gets)\s+(?:any|all)\s+(?:of\s+)?the\s+new\b"
    # "anything new coming for end of life care in hounslow?"
    r"|\b(?:anything|something)\s+(?:new|different|better|extra)\s+(?:coming|planned|happening|on\s+the\s+way"
    r"|in\s+the\s+pipeline)\b"
    # "… and whether anything's changing"
    r"|\b(?:anything|something)(?:'s|\s+is)?\s+(?:going\s+to\s+|being\s+)?chang"
    # "Does anyone know if dying at home will be better supported in H&F now?"
    r"|\bwill\s+(?:[\w&'-]+\s+){0,6}?be\s+(?:better|more|improved|expanded|extended|different)\b"
    # What is new, said as what was not there before: "what will be available to us that wasn't before?"
    r"|\b(?:that|which|what)\s+(?:wasn't|weren't|isn't|aren't|was\s+not|were\s+not|is\s+not|are\s+not|we\s+don't"
    r"|(?:they|you|i|he|she)\s+(?:don'?t|do\s+not|doesn'?t|does\s+not)"
    r"|we\s+do\s+not)\s+(?:[\w-]+\s+){0,2}?(?:before|already|now|today|yet)\b"
    # A request for an account of the changes: "I'd like a clear overview of the new palliative care model",
    # "want an overview of every health & care development"
    + r"|"
    + _REQUEST_NOUN
    + r"\s+(?:of|on|about)\s+[^?.!]*?\b(?:new|proposed|planned|upcoming|future|changes?|plans?|developments?)\b"
    # "want to know everything that's changing in end of life care", "the overall effect on end of life care"
    r"|\beverything\s+(?:that(?:'s|\s+is)\s+|being\s+)?(?:chang|planned|new\b|different\b)"
    r"|\b(?:effects?|impacts?)\s+(?:of\s+(?:the|these|this)\s+[^?.!]*?\s+)?on\b"
    # what is added or taken away: "what exactly is being added and what is being taken away?"
    r"|\bwhat\b[^?.!]*?\b(?:is|are)\s+being\s+(?:added|taken\s+away|cut|removed|dropped|introduced|brought\s+in)\b"
    # the new set beside what there is: "How does it compare with what H&F residents have now?"
    r"|^\W*how\s+(?:does|do|will|would)\s+(?:[\w&'-]+\s+){1,4}?compare\s+(?:with|to|against)\s+(?:what\b[^?.!]*?"
    r"\b(?:now|today|currently)\b|(?:the\s+)?(?:current|existing|present)\b)"
    # asking politely to understand the new model: "I'd like to understand the new model for palliative care"
    r"|(?:" + POLITE_ASK + r")(?:the\s+)?new\s+(?:[\w&-]+\s+){0,4}?(?:model|plans?|arrangements?|set-?up)\b"
    # A terse search: "westminster end of life care changes", "hillingdon palliative care plans".
    r"|\b(?:changes|plans|proposals|what'?s\s+(?:new|changing|planned))(?:\s+(?:in\s+|for\s+)?\d{4}(?:[/-]\d{2,4})?)?\W*$",
    re.I,
)
# Failing the wordings above, a question about a place (a borough, each borough, NW London) that names no topic
# is a "what changes" question when the sentence that asks speaks of the future, of plans or of anything new,
# better or different ("What's going on with health services in Ealing?", "is ealing getting any new or better
# services over the next 5 yrs"). A topic question still needs the wordings above: about a topic, such words
# often ask a detail ("Which hospice will provide the new service?"), which passages answer or decline.
# What is there now that was not before: "what help exists now that perhaps didn't before?"
_NOT_THERE_BEFORE = r"(?:didn'?t|did\s+not|wasn'?t|was\s+not|weren'?t|were\s+not)\s+(?:\w+\s+){0,3}?before"
# What is being set up or is on its way: "What is being put in place for residents in the last weeks of life?",
# "What help is there, or on its way?", "What will be available to him as he gets closer to the end?", "what will be
# there that wasn't there for us?", "What help is coming for people like him?", "What will be there for her?"
_ON_ITS_WAY = (
    r"(?:put|putting)\s+in\s+place|on\s+(?:its|their|the)\s+way|(?:will|going\s+to)\s+be\s+(?:made\s+)?(?:available|on\s+offer)"
    r"|(?:wasn'?t|weren'?t)\s+there\b|(?:help|support|care|services?)\s+(?:is|are)\s+(?:\w+\s+)?coming\b"
    r"|(?:will|would)\s+(?:\w+\s+)?(?:there\s+)?be\s+there\s+for|what\s+will\s+there\s+be\b"
)
_IN_ITS_PLACE = (
    r"(?:get|gets|getting|got|given|offered|have|having|provided|providing|put)\s+(?:[\w-]+\s+){0,2}?instead\b(?!\s+of)"
    r"|in\s+(?:its|their)\s+place\b|(?:will|is|are|to)\s+(?:be\s+)?replac(?:e|ing|ed)\b|replacements?\b"
)
BROAD_CUE = re.compile(
    r"\b(?:chang\w*|differen\w*|new|plan\w*|propos\w*|improv\w*|better|expand\w*|future|forward|ahead"
    r"|next\s+(?:[\w-]+\s+){0,2}(?:years?|yrs|months)|going\s+on|happening|news|developments?"
    r"|reorganis\w*|restructur\w*|mean\s+for|look\s+like|expect\w*|coming|upcoming|shake-?ups?|overhaul\w*"
    r"|extra|additional|more\s+(?:help|support|services?|care)|(?:whole|big|full|overall)\s+picture"
    r"|(?:bring(?:ing|s)?|brought)\s+in|introduc\w*|affect(?:s|ing)?|roll(?:s|ed|ing)?\s+out|shift(?:s|ing)?"
    r"|adding|dropping|scrapping|axing|developing|evolving|alter(?:s|ed|ing|ations?)?"
    r"|" + _NOT_THERE_BEFORE + "|" + _ON_ITS_WAY + r")\b",
    re.I,
)
# What "which …" asks for when it asks for changes: "Which services are new?", "which of the changes apply here?"
CHANGE_NOUNS = (
    # words of one noun phrase before the noun ("which palliative and end of life care changes"), not a verb's
    # ("which hospice will provide the new service?" picks out a hospice) nor a second phrase's ("which documents
    # set out the plans?" picks out documents)
    r"(?:(?!(?:will|would|is|are|was|were|can|could|has|have|had|does|do|did|should|may|might|must|the|a|an|this"
    r"|that|these|those|its|their|our|my|your)\b)[\w&'-]+\s+)"
    r"{0,6}?(?:services?|changes?|plans?|proposals?|parts?|bits?|pieces?|aspects?|elements?|areas?|things?"
    r"|improvements?|developments?|ones?|initiatives?|programmes?)\b"
)
# History ("what was planned in 2020"), or how one thing is done ("any change in how they book a GP appointment?").
TOPIC_CUE = re.compile(
    r"\b(?:chang\w*|differ\w*|alter(?:s|ed|ing|ations?)?\b|improv\w*|better|reorganis\w*|redesign\w*|reshap\w*|going\s+forward|future"
    r"|new\s+(?:way|approach|arrangements|plans?|set-?up|system)|going\s+to\s+look\s+like|what'?s\s+coming"
    # the plan in force: "under the new model", "once the new model comes in", "the proposals", "the consultation"
    # ("what's the new model for urgent care?" asks what one model is, which passages answer)
    r"|(?:under|once|with|after)\s+the\s+(?:new|proposed)|new\s+(?:[\w-]+\s+){0,3}?model\b[^?.!]*?\bmean|propos\w*|consultation"
    # a part of the new model: "which parts of the new NW London palliative care model will apply to Harrow?"
    r"|\b(?:parts?|aspects?|elements?|bits?|pieces?)\s+of\s+the\s+new\s+(?:[\w-]+\s+){0,5}?model\b"
    # what the plans do overall: "any news on …", "what's the NHS doing about …", "what are they doing to end of life
    # care?", "the impact of …"
    r"|news|doing\s+(?:about|to|with)|adds?\s+up\s+to|impact\w*|affect\w*|expand\w*|extend\w*|(?:whole|big|full)\s+picture"
    # something new as such, not one new thing: "is Hounslow doing anything new about end of life care?", "what
    # new help is coming for this?", "hospice services - new stuff?", "getting an overhaul" (not "anything new for
    # unpaid carers or people with asthma?", for people no one topic serves)
    r"|(?:anything|something|owt)\s+(?:\w+\s+)?new\s+(?:about|in|with|on|regarding|around)\b|what'?s\s+new\b|\bany\s+new\b"
    r"|what\s+is\s+new\b"
    r"|new\s+(?:help|support|stuff|things?|offers?|options?)\b|overhaul\w*|shake-?ups?|revamp\w*"
    r"|(?:anything|something|what'?s|what\s+is)\s+happening"
    # help to come: "What extra help is there now or coming?", "hospice at home new??"
    r"|\b(?:extra|additional|more|new)\s+(?:help|support)\b[^?.!]*?\bcoming|\bnew(?=\s*\?)"
    # what is being set up, is on its way or is added; what is going, staying or arriving
    r"|" + _ON_ITS_WAY + r"|additions?|being\s+(?:set\s+up|developed)|what(?:'s|\s+is|\s+are)\s+(?:being\s+)?planned"
    r"|shift(?:s|ing)?\b|develop(?:ing|ments?)\b|evolv(?:e|es|ed|ing)\b"
    # the plan for it and where it is heading: "What is the general plan for palliative care?", "the overall
    # direction of end of life care"
    r"|\bwhat(?:'s|\s+is|\s+are)\s+(?:the\s+)?(?:[\w-]+\s+)?plans?\s+(?:for|in|with)\b|\bdirection\b"
    # what comes in place of something gone: "what are residents getting instead?", "what will replace the beds?"
    r"|" + _IN_ITS_PLACE + r"|what'?s\s+(?:arriving|staying|stopping|ending|closing|going(?!\s+(?:on|to)\b))"
    # whether a change the asker heard of is so: "hospice care is getting an overhaul. Is that true?"
    r"|(?:is|was)\s+(?:that|this|it)\s+(?:really\s+)?(?:true|right|correct|so)\b"
    r"|" + _NOT_THERE_BEFORE + r")\b",
    re.I,
)
# What help, support or care there is, can be had or will be there: "what help can come to our house?", "What
# support will there be for families?", "who can help with a nurse at night?", "What will actually be there for her?"
HELP_ASKED = re.compile(
    r"\b(?:what|which|any)\b[^?.!]{0,40}?\b(?:help|support|services?|care|nurs\w*)\b[^?.!]{0,30}?\b(?:is|are|will|would"
    r"|can|could|there|available|get|give|offer\w*|come|exist\w*)\b|\bwho\s+(?:can|could|will)\s+help\b"
    r"|\bwhat\s+(?:will|would|can|could)\s+(?:\w+\s+){0,2}be\s+there\b|\bwhat\s+(?:will|would|can|could)\s+[^?.!]{0,40}?\bget\b"
    r"|\bwhat'?s\s+(?:\w+\s+)?(?:there|available|on\s+offer)\b|\bany(?:thing)?\s+new\b"
    # "Will there be specialist end of life support for homes like ours?", "is there going to be any night nurse help?"
    r"|\b(?:will\s+there\s+be|(?:is|are)\s+there\s+going\s+to\s+be)\s+(?:\w+\s+){0,6}?(?:help|support|care|nurs\w*)\b",
    re.I,
)
TOPIC_DETAIL = re.compile(
    r"^\W*which\b(?!\s+(?:of\b|" + CHANGE_NOUNS + r"))"
    r"|\bhow\b[^?.!]*\bwork\b|\b(?:pay|paid|cost|costs|charge|fund\w*)\b"
    r"|^\W*how\b(?![^?.!]*\b(?:chang\w*|differ\w*)\b)",  # "How is Ealing trying to improve discharge?"
    re.I,
)
