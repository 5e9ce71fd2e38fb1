//! Deterministic, realistic seed data: the tables (names, companies, places, topics, ...) and the generators
//! that turn a seed into a visitor's device, a profile's fields or a conversation's thread. The same seed
//! always gives the same data (timestamps are relative to the start time). `plan` seeds a store with them;
//! the store expands seeded threads and profiles with them on read.

use serde_json::{json, Map, Value};

use crate::conventions::MESSAGE_TYPES;
use crate::records::{ConversationState, Message, Operator, ThreadSeed};

pub const MINUTE: u64 = 60_000;
pub const HOUR: u64 = 60 * MINUTE;
pub const DAY: u64 = 24 * HOUR;

const FIRST_NAMES: &[&str] = &[
    "Ana", "Rui", "Inês", "João", "Maria", "Sofia", "Lucas", "Emma", "Noah", "Olivia", "Liam",
    "Mia", "Hugo", "Léa", "Chloé", "Louis", "Jules", "Camille", "Lena", "Felix", "Jonas", "Anna",
    "Paul", "Marta", "Pablo", "Lucía", "Diego", "Carmen", "Giulia", "Marco", "Luca", "Chiara",
    "Aisha", "Omar", "Yusuf", "Fatima", "Priya", "Arjun", "Ravi", "Ananya", "Wei", "Mei",
    "Hiroshi", "Yuki", "Sakura", "Kenji", "Olga", "Ivan", "Nina", "Piotr", "Zofia", "Erik",
    "Astrid", "Lars", "Freya", "Seán", "Aoife", "Kwame", "Amara", "Tunde", "Grace", "Daniel",
    "Sarah", "James", "Emily", "Michael", "Jessica", "David", "Laura", "Chen",
];

const LAST_NAMES: &[&str] = &[
    "Costa",
    "Silva",
    "Santos",
    "Ferreira",
    "Martin",
    "Bernard",
    "Dubois",
    "Moreau",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "García",
    "Fernández",
    "López",
    "Martínez",
    "Rossi",
    "Russo",
    "Bianchi",
    "Romano",
    "Khan",
    "Ahmed",
    "Hassan",
    "Patel",
    "Sharma",
    "Gupta",
    "Nair",
    "Wang",
    "Li",
    "Zhang",
    "Tanaka",
    "Suzuki",
    "Sato",
    "Ivanova",
    "Petrov",
    "Kowalski",
    "Nowak",
    "Johansson",
    "Andersson",
    "Nielsen",
    "Murphy",
    "Kelly",
    "O'Brien",
    "Mensah",
    "Okafor",
    "Adeyemi",
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Wilson",
    "Davies",
    "Evans",
    "Thomas",
    "Clarke",
    "Walker",
    "Wright",
    "Hughes",
    "Green",
    "Lefèvre",
];

const MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "proton.me",
    "icloud.com",
    "hotmail.com",
    "gmx.de",
    "free.fr",
];

/// name, domain, description, country index, employees, tags
pub const COMPANIES: &[(&str, &str, &str, usize, u32, &str)] = &[
    ("Acme", "acme.pt", "Industrial supplies", 0, 120, "b2b"),
    (
        "Blue Harbor Logistics",
        "blueharbor.io",
        "Freight forwarding",
        5,
        340,
        "logistics",
    ),
    (
        "Pinecone Analytics",
        "pinecone-analytics.com",
        "Product analytics",
        8,
        45,
        "saas",
    ),
    (
        "Lumen Health",
        "lumenhealth.co",
        "Telemedicine",
        7,
        210,
        "health",
    ),
    (
        "Kestrel Robotics",
        "kestrel-robotics.de",
        "Warehouse robots",
        3,
        95,
        "hardware",
    ),
    (
        "Atlas Foods",
        "atlasfoods.es",
        "Organic groceries",
        1,
        560,
        "retail",
    ),
    (
        "Brightline Studio",
        "brightline.studio",
        "Design agency",
        2,
        18,
        "agency",
    ),
    (
        "Cobalt Finance",
        "cobaltfinance.co.uk",
        "SME lending",
        5,
        150,
        "fintech",
    ),
    (
        "Driftwood Apparel",
        "driftwood-apparel.com",
        "Outdoor clothing",
        9,
        75,
        "ecommerce",
    ),
    (
        "Evergreen Energy",
        "evergreen-energy.ie",
        "Solar installations",
        6,
        230,
        "energy",
    ),
    (
        "Fjord Software",
        "fjordsoftware.se",
        "Developer tools",
        21,
        60,
        "saas",
    ),
    (
        "Granite Legal",
        "granitelegal.com",
        "Law firm",
        7,
        40,
        "services",
    ),
    (
        "Helix Biotech",
        "helixbio.ch",
        "Diagnostics",
        3,
        310,
        "health",
    ),
    (
        "Juniper Travel",
        "junipertravel.it",
        "Tour operator",
        4,
        85,
        "travel",
    ),
    (
        "Kiwi Payments",
        "kiwipay.co",
        "Payment processing",
        16,
        130,
        "fintech",
    ),
    (
        "Lighthouse Media",
        "lighthouse-media.fr",
        "Online magazine",
        2,
        25,
        "media",
    ),
    (
        "Nimbus Cloud",
        "nimbuscloud.io",
        "Managed hosting",
        8,
        410,
        "saas",
    ),
    (
        "Orchid Cosmetics",
        "orchidcosmetics.jp",
        "Skincare",
        13,
        190,
        "ecommerce",
    ),
    (
        "Papaya Mobile",
        "papaya.mobi",
        "Mobile games",
        10,
        55,
        "games",
    ),
    (
        "Quartz Insurance",
        "quartz-insurance.pl",
        "Car insurance",
        20,
        620,
        "insurance",
    ),
    (
        "Redwood Realty",
        "redwoodrealty.com",
        "Real estate",
        8,
        35,
        "realestate",
    ),
    (
        "Saffron Kitchens",
        "saffronkitchens.in",
        "Meal kits",
        12,
        270,
        "food",
    ),
    (
        "Tidal Surf",
        "tidalsurf.com.au",
        "Surf school",
        16,
        12,
        "sports",
    ),
    (
        "Umber Coffee",
        "umbercoffee.nl",
        "Coffee roaster",
        22,
        30,
        "food",
    ),
    (
        "Willow Education",
        "willow.education",
        "Online courses",
        9,
        140,
        "education",
    ),
    (
        "Zephyr Airlines",
        "zephyr-air.com",
        "Regional airline",
        11,
        1800,
        "travel",
    ),
];

/// country, region, city, latitude, longitude, timezone (minutes, JavaScript sign), locale
pub const PLACES: &[(&str, &str, &str, f64, f64, i32, &str)] = &[
    ("PT", "Lisbon", "Lisbon", 38.72, -9.14, -60, "pt"),
    ("ES", "Madrid", "Madrid", 40.42, -3.70, -120, "es"),
    ("FR", "Île-de-France", "Paris", 48.86, 2.35, -120, "fr"),
    ("DE", "Berlin", "Berlin", 52.52, 13.40, -120, "de"),
    ("IT", "Lombardy", "Milan", 45.46, 9.19, -120, "it"),
    ("GB", "England", "London", 51.51, -0.13, -60, "en"),
    ("IE", "Leinster", "Dublin", 53.35, -6.26, -60, "en"),
    ("US", "New York", "New York", 40.71, -74.01, 240, "en"),
    (
        "US",
        "California",
        "San Francisco",
        37.77,
        -122.42,
        420,
        "en",
    ),
    ("CA", "Ontario", "Toronto", 43.65, -79.38, 240, "en"),
    ("BR", "São Paulo", "São Paulo", -23.55, -46.63, 180, "pt"),
    ("MX", "Mexico City", "Mexico City", 19.43, -99.13, 360, "es"),
    ("IN", "Karnataka", "Bangalore", 12.97, 77.59, -330, "en"),
    ("JP", "Tokyo", "Tokyo", 35.68, 139.69, -540, "ja"),
    ("CN", "Shanghai", "Shanghai", 31.23, 121.47, -480, "zh"),
    ("SG", "Singapore", "Singapore", 1.35, 103.82, -480, "en"),
    (
        "AU",
        "New South Wales",
        "Sydney",
        -33.87,
        151.21,
        -600,
        "en",
    ),
    ("NG", "Lagos", "Lagos", 6.52, 3.38, -60, "en"),
    ("KE", "Nairobi", "Nairobi", -1.29, 36.82, -180, "en"),
    ("ZA", "Western Cape", "Cape Town", -33.92, 18.42, -120, "en"),
    ("PL", "Masovia", "Warsaw", 52.23, 21.01, -120, "pl"),
    ("SE", "Stockholm", "Stockholm", 59.33, 18.07, -120, "sv"),
    ("NL", "North Holland", "Amsterdam", 52.37, 4.90, -120, "nl"),
];

/// A visitor's system: OS name and version, engine name and version, browser name, version and major
/// version, and its user agent.
pub type System = [&'static str; 8];

pub const SYSTEMS: &[System] = &[
    ["Mac OS", "14.5", "Blink", "126.0", "Chrome", "126.0.0.0", "126",
     "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"],
    ["Windows", "10", "Blink", "125.0", "Edge", "125.0.2535.67", "125",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.2535.67"],
    ["iOS", "17.5", "WebKit", "605.1.15", "Mobile Safari", "17.5", "17",
     "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"],
    ["Android", "14", "Blink", "126.0", "Chrome", "126.0.6478.71", "126",
     "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36"],
    ["Linux", "x86_64", "Gecko", "127.0", "Firefox", "127.0", "127",
     "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"],
    ["Windows", "11", "Gecko", "126.0", "Firefox", "126.0", "126",
     "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0"],
];

/// opener, operator answer, visitor follow-up, operator closing, segment
pub const TOPICS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "My refund has not arrived yet",
        "Sorry about that! Let me check the refund status for you.",
        "It was for order #48213, two weeks ago.",
        "Refund sent today, it should arrive in 2 days.",
        "refund",
    ),
    (
        "I can't log in, the password reset email never comes",
        "I can resend it. Could you check your spam folder too?",
        "Found it in spam, thanks. The link says it expired though.",
        "I've sent a fresh link valid for 24 hours.",
        "bug",
    ),
    (
        "Do you offer discounts for nonprofits?",
        "Yes, registered nonprofits get 40% off any plan.",
        "Great, what do you need from us to apply?",
        "Just reply with your registration number and we'll apply it.",
        "lead",
    ),
    (
        "How do I export my invoices as PDF?",
        "Go to Billing → Invoices and use the download icon on each row.",
        "Can I download all of them at once?",
        "Bulk export is under Billing → Invoices → Export all.",
        "billing",
    ),
    (
        "The mobile app crashes when I open settings",
        "Thanks for reporting. Which phone and app version are you on?",
        "Pixel 8, version 4.12.1",
        "Fixed in 4.12.2, rolling out today. Sorry for the trouble!",
        "bug",
    ),
    (
        "Can I switch my plan from monthly to yearly?",
        "Of course, you'll get two months free on yearly.",
        "Will I be charged the full year today?",
        "Yes, minus the unused part of this month. Done on your account.",
        "billing",
    ),
    (
        "Is there an API to sync our contacts?",
        "Yes, our REST API has a contacts endpoint with webhooks.",
        "Do webhooks retry on failure?",
        "They retry for 24 hours with backoff. Docs link sent by email.",
        "lead",
    ),
    (
        "My order shows delivered but I didn't get it",
        "I'm sorry! Let me open a claim with the carrier.",
        "The tracking says it was left at reception.",
        "We're shipping a replacement today at no cost.",
        "customer",
    ),
    (
        "How do I add a teammate to my workspace?",
        "Settings → Team → Invite, then enter their email.",
        "They didn't get the invite email.",
        "I resent it manually; it should be there now.",
        "onboarding",
    ),
    (
        "Your checkout page shows an error",
        "Thanks for flagging this. Could you send a screenshot?",
        "Here's what I see on the payment step.",
        "Our payment provider had an outage; it's resolved now.",
        "bug",
    ),
    (
        "Do you ship to Canada?",
        "We do! Shipping to Canada takes 5–8 business days.",
        "Are there customs fees?",
        "Duties are included at checkout, nothing to pay on delivery.",
        "customer",
    ),
    (
        "I'd like to cancel my subscription",
        "Sorry to see you go. May I ask what made you decide?",
        "We're moving to a tool our parent company uses.",
        "Cancelled; you keep access until the end of the period.",
        "customer",
    ),
    (
        "Can we get a demo for our team of 40?",
        "Absolutely, I'd love to show you around. What times suit you?",
        "Thursday afternoon CET works for us.",
        "Booked Thursday 15:00 CET, invite sent.",
        "enterprise",
    ),
    (
        "The invoice has the wrong VAT number",
        "I can fix that. What's the correct VAT number?",
        "It's PT509876543.",
        "Updated and reissued invoice sent to your email.",
        "billing",
    ),
    (
        "Is my data stored in the EU?",
        "Yes, all customer data is hosted in Frankfurt and Paris.",
        "Do you have a DPA we can sign?",
        "Our DPA is in Settings → Legal; you can e-sign it there.",
        "enterprise",
    ),
    (
        "Dark mode please! 🙏",
        "It's on our roadmap for next quarter!",
        "Any beta I can join?",
        "Added you to the beta list, you'll hear from us soon.",
        "feedback",
    ),
    (
        "I was charged twice this month",
        "Let me look into your payments right away.",
        "Both charges are €49 on the 3rd.",
        "The duplicate charge was refunded, sorry about that.",
        "refund",
    ),
    (
        "Can I integrate this with Slack?",
        "Yes, there's a Slack app in Settings → Integrations.",
        "Can it post to a private channel?",
        "Invite the bot to the channel first, then pick it in the settings.",
        "onboarding",
    ),
    (
        "Trial ended but I still need a few days",
        "No problem, I've extended your trial by 7 days.",
        "Thank you so much!",
        "Happy testing, let us know if you have questions.",
        "trial",
    ),
    (
        "How long does shipping to Germany take?",
        "Usually 2–3 business days with DHL.",
        "Can I pick a delivery day?",
        "You can choose a day in the DHL tracking page once shipped.",
        "customer",
    ),
];

const VISITOR_FILLERS: &[&str] = &[
    "Thanks!",
    "One more thing…",
    "Ok, let me try that.",
    "Still not working 😕",
    "Perfect, that worked.",
    "Could you explain that again?",
    "Sorry, I was away for a moment.",
    "Is there a phone number I can call?",
    "Great support, thank you!",
    "I'll check with my colleague.",
    "Here is more detail about the issue.",
    "That makes sense.",
];

const OPERATOR_FILLERS: &[&str] = &[
    "Happy to help!",
    "Let me check that for you.",
    "Could you tell me a bit more?",
    "I've escalated this to our tech team.",
    "Thanks for your patience.",
    "Anything else I can do for you?",
    "I'll follow up by email as well.",
    "Let me know if that works.",
];

const NOTES: &[&str] = &[
    "Customer is on the Pro plan, check Stripe before refunding.",
    "Can you check the bank transfer?",
    "Second time this month, flag for account review.",
    "VIP account, please prioritise.",
];

pub const SEGMENTS: &[&str] = &[
    "customer",
    "lead",
    "vip",
    "refund",
    "billing",
    "bug",
    "feedback",
    "onboarding",
    "enterprise",
    "trial",
];

pub const PAGES: &[(&str, &str)] = &[
    ("Pricing", "/pricing"),
    ("Home", "/"),
    ("Checkout", "/checkout"),
    ("Help center", "/help"),
    ("Blog — Release notes", "/blog/release-notes"),
    ("Sign up", "/signup"),
    ("Contact", "/contact"),
];

/// Folds a name to ASCII for email addresses.
pub fn ascii(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            Some(match c {
                'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'í' | 'ì' | 'î' | 'ï' => 'i',
                'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
                'ú' | 'ù' | 'û' | 'ü' => 'u',
                'ç' => 'c',
                'ñ' => 'n',
                'Á' | 'À' | 'Â' | 'Ã' | 'Ä' => 'a',
                'É' | 'È' => 'e',
                'Í' => 'i',
                'Ó' | 'Ö' => 'o',
                'Ú' | 'Ü' => 'u',
                '\'' | ' ' => return None,
                other => other.to_ascii_lowercase(),
            })
        })
        .collect()
}

/// A lowercase UUID v4 from `rng`.
pub fn uuid(rng: &mut fastrand::Rng) -> String {
    uuid::Builder::from_random_bytes(rng.u128(..).to_le_bytes())
        .into_uuid()
        .to_string()
}

/// A new `session_<uuid>`.
pub fn session_id(rng: &mut fastrand::Rng) -> String {
    format!("session_{}", uuid(rng))
}

pub fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

fn line(rng: &mut fastrand::Rng, items: &[&'static str]) -> &'static str {
    items[rng.usize(..items.len())]
}

pub fn geo(place: usize) -> Value {
    let (country, region, city, latitude, longitude, _, _) = PLACES[place % PLACES.len()];
    json!({
        "country": country, "region": region, "city": city,
        "coordinates": { "latitude": latitude, "longitude": longitude },
    })
}

/// The `meta.device` of a seeded visitor.
pub fn device(persona: u32) -> Value {
    let persona = persona as usize;
    let place = persona % PLACES.len();
    let [os, os_version, engine, engine_version, browser, browser_version, major, useragent] =
        SYSTEMS[(persona / PLACES.len()) % SYSTEMS.len()];
    json!({
        "capabilities": ["browsing", "call"],
        "geolocation": geo(place),
        "system": {
            "os": { "name": os, "version": os_version },
            "engine": { "name": engine, "version": engine_version },
            "browser": { "name": browser, "version": browser_version, "major": major },
            "useragent": useragent,
        },
        "timezone": PLACES[place].5,
        "locales": if PLACES[place].6 == "en" { json!(["en"]) } else { json!([PLACES[place].6, "en"]) },
    })
}

/// A visitor's random chat line, for injected traffic.
pub fn visitor_line(rng: &mut fastrand::Rng) -> String {
    if rng.bool() {
        (*pick(rng, VISITOR_FILLERS)).to_owned()
    } else {
        pick(rng, TOPICS).0.to_owned()
    }
}

/// A random realistic visitor name and email, for injected traffic.
pub fn visitor_identity(rng: &mut fastrand::Rng) -> (String, String) {
    let first = *pick(rng, FIRST_NAMES);
    let last = *pick(rng, LAST_NAMES);
    let email = format!(
        "{}.{}{}@{}",
        ascii(first),
        ascii(last),
        rng.u32(1..1000),
        pick(rng, MAIL_DOMAINS)
    );
    (format!("{first} {last}"), email)
}

pub fn operators(rng: &mut fastrand::Rng, now: u64) -> Vec<Operator> {
    const TEAM: [(&str, &str, &str, &str, &str); 5] = [
        ("Rui", "Matos", "owner", "Support lead", "online"),
        ("Inês", "Sousa", "member", "Customer success", "away"),
        ("Sam", "Carter", "member", "Support engineer", "online"),
        ("Priya", "Nair", "member", "Billing specialist", "offline"),
        ("Lucas", "Moreau", "member", "Account manager", "online"),
    ];
    TEAM.iter()
        .enumerate()
        .map(
            |(index, (first, last, role, title, availability))| Operator {
                user_id: uuid(rng),
                email: format!("{}@demo.acme.example", ascii(first)),
                avatar: format!(
                    "https://avatars.acme.example/operators/{}.png",
                    ascii(first)
                ),
                first_name: (*first).to_owned(),
                last_name: (*last).to_owned(),
                role,
                title: (*title).to_owned(),
                availability,
                last_active: now.saturating_sub(index as u64 * 17 * MINUTE),
            },
        )
        .collect()
}

/// The cheap part of a seeded person: enough to sort and search without building the JSON.
pub struct Persona {
    /// First name.
    pub first: &'static str,
    /// Last name.
    pub last: &'static str,
    /// Works at one of the `COMPANIES` (else a private email).
    pub works: bool,
    /// Index into `COMPANIES`.
    pub company: usize,
    /// Index into `PLACES`.
    pub place: usize,
    /// Email domain.
    pub domain: &'static str,
}

pub fn persona(rng: &mut fastrand::Rng) -> Persona {
    let first = *pick(rng, FIRST_NAMES);
    let last = *pick(rng, LAST_NAMES);
    let works = rng.u8(..10) < 7;
    let company = rng.usize(..COMPANIES.len());
    let place = if works {
        COMPANIES[company].3
    } else {
        rng.usize(..PLACES.len())
    };
    let domain = if works {
        COMPANIES[company].1
    } else {
        *pick(rng, MAIL_DOMAINS)
    };
    Persona {
        first,
        last,
        works,
        company,
        place,
        domain,
    }
}

/// The written fields of a seeded profile, generated again from its seed on every read, so seeding 100,000
/// profiles builds no JSON.
pub fn profile_body(profile_seed: u64, email: &str) -> Map<String, Value> {
    let mut rng = fastrand::Rng::with_seed(profile_seed);
    let rng = &mut rng;
    let Persona {
        first,
        last,
        works,
        company,
        place,
        ..
    } = persona(rng);
    let company = COMPANIES[company];
    let mut segments: Vec<&str> = Vec::new();
    for _ in 0..rng.usize(0..3) {
        let segment = *pick(rng, SEGMENTS);
        if !segments.contains(&segment) {
            segments.push(segment);
        }
    }
    let (_, _, _, _, _, timezone, locale) = PLACES[place];
    let mut person = json!({
        "nickname": format!("{first} {last}"),
        "avatar": format!("https://avatars.acme.example/people/{}.png", rng.u32(1..5000)),
        "gender": if rng.bool() { "female" } else { "male" },
        "phone": format!("+{} {} {} {}", rng.u32(1..99), rng.u32(100..999), rng.u32(100..999), rng.u32(100..999)),
        "timezone": timezone,
        "geolocation": geo(place),
        "locales": [locale],
    });
    if works {
        const TITLES: [(&str, &str, &str); 6] = [
            ("CFO", "finance", "executive"),
            ("Operations manager", "operations", "manager"),
            ("Software engineer", "engineering", "employee"),
            ("Head of marketing", "marketing", "director"),
            ("Customer success lead", "support", "manager"),
            ("Founder", "leadership", "executive"),
        ];
        let (title, role, seniority) = *pick(rng, &TITLES);
        person["employment"] = json!({
            "name": company.0, "domain": company.1, "title": title, "role": role, "seniority": seniority,
        });
        person["profiles"] = json!([{
            "type": "linkedin",
            "handle": format!("{}{}", ascii(first), ascii(last)),
            "url": format!("https://www.linkedin.com/in/{}{}", ascii(first), ascii(last)),
        }]);
    }
    let mut body = Map::new();
    body.insert("email".into(), json!(email));
    body.insert("person".into(), person);
    if works {
        let (name, domain, description, _, employees, tag) = company;
        body.insert(
            "company".into(),
            json!({
                "name": name,
                "legal_name": format!("{name} Ltd"),
                "domain": domain,
                "url": format!("https://{domain}"),
                "description": description,
                "timezone": timezone,
                "phones": [],
                "emails": [format!("info@{domain}")],
                "geolocation": geo(place),
                "metrics": { "employees": employees, "market_cap": 0, "raised": employees * 25_000, "arr": employees * 60_000 },
                "tags": [tag],
            }),
        );
    }
    body.insert("segments".into(), json!(segments));
    if rng.u8(..4) == 0 {
        body.insert("notepad".into(), json!("Prefers email follow-ups."));
    }
    body
}

fn text_message(from: &str, text: &str) -> (String, String, Value) {
    ("text".into(), from.into(), json!(text))
}

/// The content of a non-text message of `kind`.
fn rich_content(kind: &str, rng: &mut fastrand::Rng) -> (String, Value) {
    let from = match kind {
        "audio" | "file" if rng.bool() => "user",
        "note" | "picker" | "field" | "carousel" | "event" | "animation" | "file" | "audio" => {
            "operator"
        }
        _ => "user",
    };
    let content = match kind {
        "note" => json!(pick(rng, NOTES)),
        "file" => {
            if from == "user" {
                json!({ "name": "screenshot.png", "url": format!("https://files.acme.example/u/{}.png", rng.u32(1000..99999)), "type": "image/png" })
            } else {
                json!({ "name": "receipt.pdf", "url": format!("https://files.acme.example/r/{}.pdf", rng.u32(1000..99999)), "type": "application/pdf" })
            }
        }
        "animation" => {
            json!({ "url": "https://media.acme.example/animations/thumbs-up.gif", "type": "image/gif" })
        }
        "audio" => json!({
            "url": format!("https://files.acme.example/audio/{}.webm", rng.u32(1000..99999)),
            "type": "audio/webm",
            "duration": rng.u32(3..90),
        }),
        "picker" => json!({
            "id": "satisfaction",
            "text": "How would you rate our support?",
            "choices": [
                { "value": "great", "label": "Great", "selected": false },
                { "value": "okay", "label": "Okay", "selected": false },
                { "value": "bad", "label": "Bad", "selected": false },
            ],
            "required": false,
        }),
        "field" => json!({
            "id": "email",
            "text": "What's your email?",
            "explain": "We'll reply there if you leave.",
            "required": true,
        }),
        "carousel" => json!({
            "text": "Which plan fits you?",
            "targets": [
                { "title": "Starter", "description": "For small teams, €19/month.", "image": "https://media.acme.example/plans/starter.png",
                  "actions": [{ "label": "Choose Starter", "url": "https://demo.acme.example/signup?plan=starter" }] },
                { "title": "Pro", "description": "Unlimited seats, €49/month.", "image": "https://media.acme.example/plans/pro.png",
                  "actions": [{ "label": "Choose Pro", "url": "https://demo.acme.example/signup?plan=pro" }] },
            ],
        }),
        "event" => {
            json!({ "namespace": "state:resolved", "text": "Conversation marked as resolved" })
        }
        _ => json!(pick(rng, VISITOR_FILLERS)),
    };
    (from.to_owned(), content)
}

/// A seeded message before its sender and receipts are filled in (cheap, for seeding summaries).
pub struct Sketch {
    /// Message type.
    pub kind: String,
    /// `user` or `operator`.
    pub from: String,
    /// String or object per type.
    pub content: Value,
    /// Time, ms.
    pub timestamp: u64,
    /// Message id.
    pub fingerprint: i64,
}

/// The messages of a seeded thread, in order, without sender details.
pub fn sketch(thread_seed: &ThreadSeed) -> Vec<Sketch> {
    let mut rng = fastrand::Rng::with_seed(thread_seed.rng);
    let topic = TOPICS[thread_seed.topic % TOPICS.len()];
    let answered = thread_seed.state != ConversationState::Pending;
    let len = thread_seed.len;
    let forced = MESSAGE_TYPES[thread_seed.forced_type % MESSAGE_TYPES.len()];
    let forced_at = if len > 2 {
        1 + (thread_seed.rng as usize % (len - 2))
    } else {
        len.saturating_sub(1)
    };
    let mut plan: Vec<(String, String, Value)> = Vec::with_capacity(len);
    for index in 0..len {
        let item = if index == 0 {
            text_message("user", topic.0)
        } else if index == forced_at && forced != "text" {
            let (from, content) = rich_content(forced, &mut rng);
            let from = if answered { from } else { "user".to_owned() };
            let content = if from == "user" && !matches!(forced, "file" | "audio") {
                json!(line(&mut rng, VISITOR_FILLERS))
            } else {
                content
            };
            let kind = if from == "user" && !matches!(forced, "file" | "audio") {
                "text"
            } else {
                forced
            };
            (kind.to_owned(), from, content)
        } else if !answered {
            text_message("user", line(&mut rng, VISITOR_FILLERS))
        } else if index == 1 {
            text_message("operator", topic.1)
        } else if index == 2 {
            text_message("user", topic.2)
        } else if index + 1 == len && thread_seed.state == ConversationState::Resolved {
            text_message("operator", topic.3)
        } else if index % 2 == 1 {
            text_message("operator", line(&mut rng, OPERATOR_FILLERS))
        } else {
            text_message("user", line(&mut rng, VISITOR_FILLERS))
        };
        plan.push(item);
    }
    // The last `unread_operator` visitor messages stay unread: make the tail the visitor's.
    let unread = thread_seed.unread_operator as usize;
    for item in plan.iter_mut().rev().take(unread) {
        if item.1 != "user" {
            *item = text_message("user", line(&mut rng, VISITOR_FILLERS));
        }
    }
    let span = thread_seed
        .end
        .saturating_sub(thread_seed.start)
        .max(len as u64);
    let step = span / (len.max(2) as u64 - 1).max(1);
    plan.into_iter()
        .enumerate()
        .map(|(index, (kind, from, content))| {
            let timestamp = if index + 1 == len {
                thread_seed.end
            } else {
                thread_seed.start + step * index as u64 + rng.u64(0..(step / 2).max(1))
            };
            let fingerprint = i64::try_from(timestamp).unwrap_or(0) * 100 + rng.i64(0..100);
            Sketch {
                kind,
                from,
                content,
                timestamp,
                fingerprint,
            }
        })
        .collect()
}

/// A seeded message as the Message it becomes: sender, mentions and receipts filled in.
pub fn message(
    sketch: Sketch,
    index: usize,
    thread_seed: &ThreadSeed,
    session_id: &str,
    nickname: &str,
    operators: &[Operator],
) -> Message {
    let operator = &operators[thread_seed.operator % operators.len().max(1)];
    let visitor = sketch.from == "user";
    let user = if visitor {
        json!({ "type": "participant", "user_id": session_id, "nickname": nickname })
    } else {
        json!({ "type": "website", "user_id": operator.user_id, "nickname": operator.nickname(), "avatar": operator.avatar })
    };
    let mentions = if sketch.kind == "note" {
        vec![
            operators[(thread_seed.operator + 1) % operators.len().max(1)]
                .user_id
                .clone(),
        ]
    } else {
        Vec::new()
    };
    let first_unread = thread_seed
        .len
        .saturating_sub(thread_seed.unread_operator as usize);
    let read = (!visitor || index < first_unread).then(|| thread_seed.origin.to_owned());
    Message {
        fingerprint: sketch.fingerprint,
        kind: sketch.kind,
        from: sketch.from,
        origin: thread_seed.origin.to_owned(),
        content: sketch.content,
        timestamp: sketch.timestamp,
        user,
        mentions,
        read,
        delivered: Some(thread_seed.origin.to_owned()),
        edited: false,
        translated: false,
        automated: false,
        extra: Map::new(),
    }
}

/// Generates a seeded conversation's messages, oldest first.
pub fn thread(
    thread_seed: &ThreadSeed,
    session_id: &str,
    nickname: &str,
    operators: &[Operator],
) -> Vec<Message> {
    sketch(thread_seed)
        .into_iter()
        .enumerate()
        .map(|(index, sketch)| message(sketch, index, thread_seed, session_id, nickname, operators))
        .collect()
}
