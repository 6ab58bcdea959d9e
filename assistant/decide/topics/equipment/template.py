"""Council equipment, phones, vehicles and IT used for personal purposes."""

from __future__ import annotations

from assistant.decide.decision import Context, Decision, Slot, forbids, not_covered, ref

TEMPLATE = "equipment"
PHONES = ("phone", "phones", "call", "calls", "mobile", "ring", "text")
VEHICLES = ("van", "vehicle", "car", "pool car", "lorry", "fleet")
GAMBLING = ("gambling", "gamble", "betting", "bet", "bets", "bookies", "bookmaker", "bet365", "paddy power", "william hill",
            "betfair", "sky bet", "accumulator", "acca", "odds", "bingo", "casino", "poker", "slots", "roulette",
            "lottery", "lotto", "scratchcard", "fantasy football", "game", "games", "gaming")
"""Betting, gaming and games, which codes name among the misuses of council IT."""
INTERNET = ("internet", "online", "browse", "browsing", "netflix", "iplayer", "shopping", "youtube", "software",
            "download", "install", "website", "websites", "site", "sites", "streaming", "stream", "facebook", "tiktok",
            "instagram", "ebay", "amazon", *GAMBLING)
LOSS = ("lost", "lose", "losing", "left my", "left the", "stolen", "nicked", "pinched", "theft", "broke", "broken",
        "smashed", "cracked", "damaged", "damage", "dropped", "scratch", "scratched", "dented", "dent", "clipped",
        "bumped", "prang", "pranged", "missing", "can't find", "cant find", "spilt", "spilled")
"""Words that say council property was lost, stolen or damaged, which codes say must be reported."""
NOT_COUNCIL_KIT = ("my son's", "my sons", "my daughter's", "my daughters", "my kid's", "my kids'", "my own", "my personal",
                   "my home", "my partner's", "my wife's", "my husband's", "his own", "her own")
"""A device named as someone's own: its breaking is not council property to report."""
PRIVATE_WORK = ("my business", "my own business", "the business", "small business", "side business", "orders",
                "etsy", "ebay shop", "my shop", "bookings", "my customers", "my clients", "private clients",
                "private work", "second job", "other job", "side hustle", "freelance", "freelancing", "the pub's",
                "pubs", "the pub", "wedding", "weddings", "photography", "tutoring", "invoices for my", "flyers for my",
                "for my other job", "for my side", "for my business", "my company", "my own company", "dog walking",
                "cleaning business", "catering business", "design work", "consultancy", "on the side")
"""Words that say the use is for work of one's own, which outside-work rules bar from council kit."""
OTHERS_USE = ("my son", "my daughter", "my kids", "my kid", "my children", "my child", "my lad", "my boy", "my girl",
              "my partner", "my wife", "my husband", "my mum", "my dad", "my family", "my flatmate", "my mate",
              "a friend", "let him use", "let her use", "let them use", "lend it to", "borrow it", "use it for his",
              "use it for her", "for his homework", "for her homework")
"""Someone other than the officer using the officer's council device."""
IT_DEVICES = ("laptop", "ipad", "tablet", "computer", "pc", "phone", "mobile", "login", "log in", "password", "account",
              "system", "systems", "email", "device")
LIVE_TV = ("iplayer", "live tv", "live television", "watch the match", "watch the game", "the match on", "the game on",
           "the final on", "tv licence", "watch tv", "watching tv", "the telly", "on the telly", "itvx", "sky sports",
           "bbc one", "stream the match", "stream the game")
TV_LICENCE = Slot("tv_licence", yes="there is a current TV licence for that office", no="there is no TV licence for that office")
HAS_LICENCE = ("there is a current tv licence", "current licence", "a current licence", "have a licence", "has a licence",
               "got a licence", "there's a licence", "there is a licence", "licence for this building", "licence for the building",
               "licence for this office", "licence for the office", "is licensed", "it's licensed", "its licensed")
NO_LICENCE = ("there is no tv licence", "no tv licence", "no licence", "not licensed", "isn't licensed", "isnt licensed",
              "don't have a licence", "dont have a licence", "haven't got a licence", "no current licence")
DELAYED = ("running late", "be late", "i'll be late", "ill be late", "late back", "late home", "delayed", "held up",
           "overran", "over ran", "stuck at", "stuck in", "say i'm late", "say im late")
TAKE_AWAY = ("take my work laptop", "take the work laptop", "take my laptop", "take it abroad", "take it on holiday",
             "on holiday with me", "abroad with me", "take it home", "take home", "taking it home", "out of the office",
             "off site", "off the premises", "take the laptop", "to spain", "to france", "overseas with me")
BROWSING = ("shopping", "browse", "browsing", "surf", "surfing", "online", "internet", "news", "website", "websites")
BRIEF = ("a bit of", "quick", "quickly", "a few minutes", "five minutes", "ten minutes", "at lunch", "in my lunch",
         "on my lunch", "lunch break", "briefly", "now and then", "occasionally", "the odd")
"""Brief, occasional use: what a rule against 'prolonged' use leaves open."""


def decide(ctx: Context) -> Decision:
    d = Decision(TEMPLATE)
    phones, vehicles, internet, rule = (ctx.p(f"equipment.{n}") for n in ("phones", "vehicles", "internet", "rule"))
    private = ctx.p("outside_work.equipment") or ctx.p("equipment.personal_gain")
    if private and ctx.mentions(*PRIVATE_WORK):  # council kit for work of one's own: the outside-work rule decides
        d.rule_from("not_allowed", "private_work", private, f"you must not {private.value}", lead="No: ")
        d.because(rule, f"you must {rule.value}" if rule else "")
        return d
    if internet and ctx.mentions(*GAMBLING):  # betting or games on council kit, wherever the laptop is
        d.rule_from("not_allowed", "internet", internet, f"The code forbids {internet.value}")
        d.because(rule, f"you must {rule.value}" if rule else "")
        return d
    others = ctx.p("equipment.others_use")
    if others and ctx.mentions(*OTHERS_USE) and ctx.mentions(*IT_DEVICES) and not ctx.mentions("my manager", "my colleague"):
        d.rule_from("not_allowed", "others_use", others, f"you must not {others.value}", lead="No: ")
        d.because(rule, f"you must {rule.value}" if rule else "")
        return d
    tv = ctx.p("equipment.live_tv")
    if tv and ctx.mentions(*LIVE_TV):
        if ctx.mentions(*NO_LICENCE):
            d.rule_from("not_allowed", "tv_unlicensed", tv, f"you must not {tv.value}", lead="Not without a licence: ")
        elif ctx.mentions(*HAS_LICENCE):
            d.decide("allowed_with_conditions", "tv_licensed",
                     f"With a current TV licence for that office the code's bar does not apply ({ref(tv)}); the equipment is still "
                     f"for authorised purposes only, so check with your manager", tv, rule)
            d.because(tv, f"you must not {tv.value}")
            d.because(rule, f"you must {rule.value}" if rule else "")
        else:
            d.ask("Is there a current TV licence for that office?",
                  f"{ctx.name}'s code bars live TV and iPlayer on council equipment in an office without one ({ref(tv)})",
                  "tv_licence_unknown", tv, slot=TV_LICENCE)
        return d
    if phones and ctx.mentions(*PHONES) and "delayed" in phones.value and ctx.mentions(*DELAYED):
        # the code's own exception: a call home to say work has delayed you is not a private call
        d.decide("allowed", "delayed_call", f"Yes: {phones.value} ({ref(phones)})", phones)
        d.because(phones, phones.value)
        return d
    if phones and ctx.mentions(*PHONES):
        if "occasional" not in phones.value and (forbids(phones.value) or "exclusively" in phones.value or "must not" in phones.value):
            d.decide("not_allowed", "phones", f"{_cap(phones.value)} ({ref(phones)})", phones)
        else:
            d.decide("allowed_with_conditions", "phones", f"Only occasionally: {phones.value} ({ref(phones)})", phones)
        d.because(phones, phones.value)
        return d
    remove = ctx.p("equipment.remove")
    if remove and ctx.mentions(*TAKE_AWAY):
        d.rule_from("refer", "remove_property", remove, f"you must {remove.value}", lead="Only with authority: ")
        return d
    report = ctx.p("equipment.report")
    if report and ctx.mentions(*LOSS) and not ctx.mentions(*NOT_COUNCIL_KIT):
        d.rule_from("required", "report_loss", report, f"you must {report.value}", lead="Yes, report it now: ")
        return d
    if vehicles and (ctx.has("official_vehicle") or ctx.mentions(*VEHICLES)) and ctx.has("permission_given") and (
            "unauthorised" in vehicles.value or "permission" in vehicles.value):
        # the bar is on use without authority, and the authority has been given
        d.rule_from("allowed_with_conditions", "vehicle_authorised", vehicles, f"the code only says you must not {vehicles.value}",
                    lead="With that authority, yes: ")
        return d
    if vehicles and (ctx.has("official_vehicle") or ctx.mentions(*VEHICLES)) and "permission" in vehicles.value:
        d.rule_from("refer", "vehicle_permission", vehicles, f"you must not {vehicles.value}", lead="Only with permission: ")
        d.then(ctx.p("contact"), f"Ask {ctx.contact()} first")
        return d
    if vehicles and (ctx.has("official_vehicle") or ctx.mentions(*VEHICLES)):
        d.rule_from("not_allowed", "vehicles", vehicles, f"You must not {vehicles.value}")
        return d
    if internet and ctx.mentions(*BROWSING) and "prolonged" in internet.value and ctx.mentions(*BRIEF) and not ctx.mentions(
            "download", "install", "software", "netflix", "youtube", "iplayer", "stream", "streaming", "watch", "film"):
        d.decide("allowed_with_conditions", "brief_browsing",
                 f"Briefly, yes: the code names as misuse {internet.value} ({ref(internet)}), so keep it short and out of work time",
                 internet)
        d.because(internet, f"the code forbids {internet.value}")
        return d
    if internet and ctx.mentions(*INTERNET):
        d.rule_from("not_allowed", "internet", internet, f"The code forbids {internet.value}")
        d.because(rule, f"you must {rule.value}" if rule else "")
        return d
    if rule is None:
        return not_covered(ctx, TEMPLATE, "using council equipment for personal purposes")
    if "permission" in rule.value or "payment" in rule.value:
        d.rule_from("refer", "permission_or_payment", rule, f"you must {rule.value}", lead="Only with permission: ")
        d.then(ctx.p("contact"), f"Ask {ctx.contact()} first")
        return d
    d.rule_from("not_allowed", "business_only", rule, f"you must {rule.value}", lead="Not for personal use: ")
    return d


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
