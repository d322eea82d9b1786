"""Word lists and tables behind the name rules of :mod:`storyledger.extract.entities.entities` (general knowledge only)."""

from __future__ import annotations

from ...text import MONTHS, WEEKDAYS

__all__ = [
    "CAPITALS",
    "COMMON",
    "COUNTRY_NAMES",
    "GEO_ACRONYMS",
    "GOV_NAMES",
    "LOC_CUES",
    "ORG_CUES",
    "PLACE_CUES",
    "STOP_WORDS",
    "TITLES",
    "TITLE_DOMAINS",
]

# Capitalised words that are not names on their own (sentence openers,
# pronouns, calendar words, interjections, news furniture).
COMMON = frozenset(
    """a about above according across after afterwards again against all almost
    also although always among an and another any anyone anything are as at
    back be because been before being below beside besides between beyond both
    but by can could despite did do does doing down during each earlier either
    else even ever every everyone everything except few first for former from
    further had has have having he her here hers herself him himself his how
    however i if in inside instead into is it its itself just last later least
    less like many may maybe me meanwhile might more moreover most much must my
    near nearly neither never nevertheless next no nobody none nor not nothing
    now of off often on once one only onto or other others otherwise our ours
    out outside over overall perhaps please rather same several she should
    since so some someone something sometimes soon still such than that the
    their theirs them themselves then there therefore these they this those
    though through thus to today together tomorrow too toward towards under
    unless until up upon us very via was we well were what whatever when
    whenever where whereas whether which while who whoever whom whose why will
    with within without would yes yesterday yet you your yours
    monday tuesday wednesday thursday friday saturday sunday january february
    march april june july august september october november december
    mon tue tues wed thu thurs fri sat sun jan feb mar apr jun jul aug sep sept
    oct nov dec spring summer autumn winter tonight
    two three four five six seven eight nine ten eleven twelve twenty thirty
    forty fifty hundred hundreds thousand thousands million millions billion
    dozens dozen scores tens
    mr mrs ms miss dr prof sir madam
    oh ok okay hey thanks thank sorry
    breaking update updated watch read related advertisement photo video
    image copyright source sources editor note reporting additional""".split()
)

STOP_WORDS = frozenset(
    [*WEEKDAYS, *(m for m in MONTHS if m not in ("march", "may"))]
    + """francs franc dollars dollar euros euro pounds pound yen yuan rubles roubles rupees
    today tonight""".split()
)

# Honorifics and titles before a person's name (lowercase, dots removed).
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend sen
    senator rep representative congressman congresswoman gov governor gen
    general col colonel lt lieutenant capt captain sgt sergeant maj major adm
    admiral cmdr commander cpl corporal pvt private hon president vice prime
    minister secretary chancellor mayor judge justice chief ambassador envoy
    king queen prince princess pope bishop archbishop cardinal father sister
    brother sheikh emir sultan ayatollah imam rabbi pastor speaker leader
    chairman chairwoman chair director spokesman spokeswoman spokesperson
    deputy acting former candidate nominee attorney officer inspector detective
    coach dean sheriff commissioner premier ceo cfo coo founder executive
    senior whip lawmaker mp councillor councilor counsel supt det insp
    president-elect actor actress singer songwriter rapper comedian author
    novelist poet artist musician filmmaker journalist columnist anchor
    businessman businesswoman billionaire entrepreneur activist economist
    historian pollster strategist analyst quarterback""".split()
)
# Words that continue a title after "of"/"for" (Secretary of State, Minister
# for Foreign Affairs) rather than start a name.
TITLE_DOMAINS = frozenset(
    """state defence defense foreign affairs interior justice finance health
    education energy treasury commerce labor labour agriculture transport
    homeland security staff general internal external trade economy culture
    environment housing veterans war the""".split()
)
ORG_CUES = frozenset(
    """agency ministry council court committee commission federation society
    societies corp corporation inc ltd llc plc co company companies group bank
    fund foundation institute institution university college school academy
    party union association alliance coalition league organization
    organisation department office bureau authority board service services
    forces force army navy police guard parliament assembly congress senate
    government administration cabinet nations network news times post journal
    press herald tribune gazette telegraph church centre center cross crescent
    movement front brigade brigades club team industries holdings airlines
    airways systems technologies labs media television radio watch
    international initiative program programme project trust exchange tribunal
    secretariat directorate command caucus campaign commissioner's
    commissioners partners capital ventures hospital clinic act""".split()
)
PLACE_CUES = frozenset(
    """city county province region district republic kingdom island islands
    river sea ocean mountain mountains valley lake gulf bay peninsula strait
    street square avenue road airport coast desert village town oblast
    governorate territory territories state states heights hills plain plains
    basin border""".split()
)
LOC_CUES = frozenset(
    """river sea ocean mountain mountains valley lake gulf bay peninsula strait
    coast desert heights hills plain plains basin""".split()
)
# Acronyms that name places rather than organisations.
GEO_ACRONYMS = frozenset("US USA UK UAE DRC GB PRC ROK DPRK NZ".split())
# World capitals -> their country, as "Capital:Country(|alias…)" (general knowledge;
# capitals that share their country's name are left out). The aliases are the
# forms an article may name the country by.
_CAPITALS_TABLE = """Kabul:Afghanistan|Tirana:Albania|Algiers:Algeria|Luanda:Angola|Buenos Aires:Argentina|
Canberra:Australia|Vienna:Austria|Manama:Bahrain|Dhaka:Bangladesh|
Minsk:Belarus|Brussels:Belgium|Porto-Novo:Benin|Thimphu:Bhutan|La Paz:Bolivia|Sarajevo:Bosnia and Herzegovina|
Gaborone:Botswana|Brasilia:Brazil|Brasília:Brazil|Sofia:Bulgaria|Ouagadougou:Burkina Faso|Gitega:Burundi|
Phnom Penh:Cambodia|Yaounde:Cameroon|Yaoundé:Cameroon|Ottawa:Canada|Bangui:Central African Republic|
N'Djamena:Chad|Santiago:Chile|Beijing:China|Bogota:Colombia|Bogotá:Colombia|Kinshasa:Democratic Republic of the Congo,DRC|
Brazzaville:Republic of the Congo|San Jose:Costa Rica|Zagreb:Croatia|Havana:Cuba|Nicosia:Cyprus|
Prague:Czech Republic,Czechia|Copenhagen:Denmark|Santo Domingo:Dominican Republic|Quito:Ecuador|Cairo:Egypt|
San Salvador:El Salvador|Asmara:Eritrea|Tallinn:Estonia|Addis Ababa:Ethiopia|Helsinki:Finland|Paris:France|
Libreville:Gabon|Banjul:Gambia|Tbilisi:Georgia|Berlin:Germany|Accra:Ghana|Athens:Greece|Conakry:Guinea|
Port-au-Prince:Haiti|Tegucigalpa:Honduras|Budapest:Hungary|Reykjavik:Iceland|New Delhi:India|Delhi:India|
Jakarta:Indonesia|Tehran:Iran|Baghdad:Iraq|Dublin:Ireland|Jerusalem:Israel|Rome:Italy|Abidjan:Ivory Coast,Cote d'Ivoire|
Yamoussoukro:Ivory Coast,Cote d'Ivoire|Kingston:Jamaica|Tokyo:Japan|Amman:Jordan|Astana:Kazakhstan|Nairobi:Kenya|
Pristina:Kosovo|Bishkek:Kyrgyzstan|Vientiane:Laos|Riga:Latvia|Beirut:Lebanon|Maseru:Lesotho|Monrovia:Liberia|
Tripoli:Libya|Vilnius:Lithuania|Antananarivo:Madagascar|Lilongwe:Malawi|Kuala Lumpur:Malaysia|Bamako:Mali|
Valletta:Malta|Nouakchott:Mauritania|Port Louis:Mauritius|Mexico City:Mexico|Chisinau:Moldova|Ulaanbaatar:Mongolia|
Podgorica:Montenegro|Rabat:Morocco|Maputo:Mozambique|Naypyidaw:Myanmar,Burma|Windhoek:Namibia|Kathmandu:Nepal|
Amsterdam:Netherlands,Holland|The Hague:Netherlands,Holland|Wellington:New Zealand|Managua:Nicaragua|Niamey:Niger|
Abuja:Nigeria|Pyongyang:North Korea,DPRK|Skopje:North Macedonia,Macedonia|Oslo:Norway|Muscat:Oman|
Islamabad:Pakistan|Ramallah:Palestine,Palestinian Authority|Asuncion:Paraguay|Asunción:Paraguay|Lima:Peru|
Manila:Philippines|Warsaw:Poland|Lisbon:Portugal|Doha:Qatar|Bucharest:Romania|Moscow:Russia,Russian Federation|
Kigali:Rwanda|Riyadh:Saudi Arabia|Dakar:Senegal|Belgrade:Serbia|Freetown:Sierra Leone|Bratislava:Slovakia|
Ljubljana:Slovenia|Mogadishu:Somalia|Pretoria:South Africa|Seoul:South Korea,ROK|Juba:South Sudan|Madrid:Spain|
Colombo:Sri Lanka|Khartoum:Sudan|Paramaribo:Suriname|Stockholm:Sweden|Bern:Switzerland|Berne:Switzerland|
Damascus:Syria|Taipei:Taiwan|Dushanbe:Tajikistan|Dodoma:Tanzania|Dar es Salaam:Tanzania|Bangkok:Thailand|
Lome:Togo|Lomé:Togo|Tunis:Tunisia|Ankara:Turkey,Turkiye,Türkiye|Ashgabat:Turkmenistan|Kampala:Uganda|
Kyiv:Ukraine|Kiev:Ukraine|Abu Dhabi:United Arab Emirates,UAE|London:United Kingdom,UK,Britain,Great Britain|
Washington:United States,US,USA,America,United States of America|Montevideo:Uruguay|Tashkent:Uzbekistan|
Caracas:Venezuela|Hanoi:Vietnam|Sanaa:Yemen|Sana'a:Yemen|Lusaka:Zambia|Harare:Zimbabwe"""
CAPITALS: dict[str, tuple[str, ...]] = {}
for _entry in _CAPITALS_TABLE.replace("\n", "").split("|"):
    _capital, _, _countries = _entry.partition(":")
    CAPITALS[_capital.strip()] = tuple(c.strip() for c in _countries.split(","))
# Countries of the table (their usual names and short forms).
COUNTRY_NAMES = frozenset(c for cs in CAPITALS.values() for c in cs)
# Capitals and countries: names that speak for a government, never a lone surname.
GOV_NAMES = frozenset(CAPITALS) | COUNTRY_NAMES
