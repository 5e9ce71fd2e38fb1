//! A seeding plan and the store it gives: the website, its operators, people, conversations (each with the
//! seed its thread is generated from on first use) and the visitors online, all from `seed`'s generators.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::conventions::{self, MESSAGE_TYPES};
use crate::records::{ConversationState, ThreadSeed};
use crate::seed::{
    ascii, geo, message, operators, persona, pick, session_id, sketch, uuid, Persona, COMPANIES,
    DAY, MINUTE, PAGES, PLACES, SEGMENTS, SYSTEMS, TOPICS,
};
use crate::store::{Conversation, Device, Profile, Store, Thread, Website};

/// What to seed.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The website's ID.
    pub website_id: String,
    /// How many conversations.
    pub conversations: usize,
    /// How many people profiles.
    pub people: usize,
    /// The data seed.
    pub seed: u64,
    /// The start time, ms.
    pub now: u64,
}

/// Seeds a store from `plan`.
pub fn seed(plan: &Plan) -> Store {
    let mut rng = fastrand::Rng::with_seed(plan.seed);
    let now = plan.now;
    let website = Website {
        website_id: plan.website_id.clone(),
        name: "Acme Demo".into(),
        domain: "demo.acme.example".into(),
        logo: "https://media.acme.example/logo.png".into(),
        verified: true,
        deletion_scheduled: false,
    };
    let team = operators(&mut rng, now);
    let mut store = Store::new(website, team, fastrand::Rng::with_seed(plan.seed ^ 0x5eed));
    // Seeding is no change anyone listens to.
    store.set_recording(false);
    store.reserve(plan.people, plan.conversations);
    store.inboxes = vec![uuid(&mut rng), uuid(&mut rng)];
    let mut emails = HashSet::with_capacity(plan.people);
    let mut people = Vec::with_capacity(plan.people);
    let mut display_names = Vec::with_capacity(plan.people);
    for index in 0..plan.people {
        let (profile, display) = profile(&mut rng, index, now, &mut emails);
        people.push((
            profile.people_id.clone(),
            profile.nickname.clone(),
            profile.email.clone(),
        ));
        display_names.push(display);
        store.insert_profile(profile);
    }
    let operator_count = store.operators.len();
    for index in 0..plan.conversations {
        let mut conversation = Conversation::empty(session_id(&mut rng), now);
        let state = match index % 10 {
            0 | 1 => ConversationState::Pending,
            2..=5 => ConversationState::Unresolved,
            _ => ConversationState::Resolved,
        };
        let empty = index % 25 == 24;
        let persona = rng.u32(..);
        let topic = rng.usize(..TOPICS.len());
        conversation.created_at = now.saturating_sub(rng.u64(10 * MINUTE..90 * DAY));
        let age = now - conversation.created_at;
        let duration = rng.u64(MINUTE..(age / 2).clamp(2 * MINUTE, 3 * DAY));
        let end = (conversation.created_at + duration).min(now.saturating_sub(MINUTE));
        conversation.state = state;
        conversation.online = index % 6 == 0;
        conversation.active_last = end;
        conversation.is_verified = index % 3 == 0;
        conversation.is_blocked = index % 97 == 96;
        conversation.topic = TOPICS[topic].0.to_owned();
        if index % 7 == 0 {
            conversation.inbox_id = Some(store.inboxes[index % 2].clone());
        }
        if let Some((people_id, _, email)) =
            (!people.is_empty()).then(|| &people[(index * 7 + 3) % people.len()])
        {
            conversation.people_id = Some(people_id.clone());
            let display = &display_names[(index * 7 + 3) % people.len()];
            conversation.meta.set("nickname", Some(display.clone()));
            conversation.meta.set("email", Some(email.clone()));
        } else {
            conversation.meta.set(
                "nickname",
                Some(format!("visitor{}", rng.u32(10_000..99_999))),
            );
        }
        let origin = if index % 8 == 5 { "email" } else { "chat" };
        conversation.meta.set("origin", Some(origin.to_owned()));
        conversation
            .meta
            .set("ip", Some(format!("198.51.100.{}", rng.u8(1..255))));
        conversation.meta.set(
            "avatar",
            Some(format!(
                "https://avatars.acme.example/people/{}.png",
                persona % 5000
            )),
        );
        if origin == "email" {
            conversation
                .meta
                .set("subject", Some(TOPICS[topic].0.to_owned()));
        }
        conversation.meta.segments = vec![TOPICS[topic].4.to_owned()];
        if rng.bool() {
            let extra = (*pick(&mut rng, SEGMENTS)).to_owned();
            if !conversation.meta.segments.contains(&extra) {
                conversation.meta.segments.push(extra);
            }
        }
        let plan_name = *pick(&mut rng, &["free", "starter", "pro", "enterprise"]);
        conversation
            .meta
            .data
            .insert("plan".into(), json!(plan_name));
        conversation
            .meta
            .data
            .insert("orders".into(), json!(rng.u32(0..40)));
        conversation.meta.device = Some(Device::Seeded(persona));
        let operator = rng.usize(..operator_count.max(1));
        if state != ConversationState::Pending && rng.u8(..10) < 7 && operator_count > 0 {
            conversation.assigned = Some(store.operators[operator].user_id.clone());
        }
        if empty {
            conversation.state = ConversationState::Pending;
            conversation.assigned = None;
            conversation.updated_at = conversation.created_at;
            conversation.refresh_search();
            store.insert_conversation(conversation);
            continue;
        }
        let len = if index % 40 == 0 {
            rng.usize(30..60)
        } else if state == ConversationState::Pending {
            rng.usize(1..4)
        } else {
            rng.usize(3..13)
        };
        let unread_operator = match state {
            ConversationState::Pending => len.min(3) as u32,
            ConversationState::Unresolved if rng.bool() => rng.u32(1..3),
            _ => 0,
        };
        let thread_seed = ThreadSeed {
            rng: rng.u64(..),
            len,
            topic,
            start: conversation.created_at,
            end,
            state,
            operator,
            unread_operator: unread_operator.min(len as u32),
            forced_type: index % MESSAGE_TYPES.len(),
            origin,
        };
        let mut sketches = sketch(&thread_seed);
        conversation.message_count = sketches.len();
        conversation.unread_operator = thread_seed.unread_operator;
        let last_at = sketches.last().map(|sketch| sketch.timestamp);
        if sketches.iter().any(|sketch| sketch.kind == "note") && operator_count > 0 {
            let mentioned = &store.operators[(thread_seed.operator + 1) % operator_count];
            conversation.mentions.push(mentioned.user_id.clone());
        }
        let position = sketches.iter().rposition(|sketch| sketch.kind != "note");
        if let Some(position) = position {
            let last = message(
                sketches.swap_remove(position),
                position,
                &thread_seed,
                &conversation.session_id,
                "",
                &store.operators,
            );
            let last = &last;
            conversation.summarize(last);
            if last.from == "operator" && state == ConversationState::Unresolved && index % 4 == 2 {
                conversation.unread_visitor = 1;
            }
            if last.from == "user" && state != ConversationState::Resolved {
                conversation.waiting_since = Some(last.timestamp);
            }
        }
        conversation.updated_at = last_at.unwrap_or(end);
        conversation.thread = Thread::Seeded(thread_seed);
        conversation.refresh_search();
        store.insert_conversation(conversation);
    }
    store.visitors = visitors(&mut rng, &store);
    store.set_recording(true);
    store
}

fn visitors(rng: &mut fastrand::Rng, store: &Store) -> Vec<Value> {
    let mut open: Vec<&Conversation> = store
        .conversations()
        .iter()
        .filter(|conversation| {
            conversation.state != ConversationState::Resolved && conversation.message_count > 0
        })
        .collect();
    open.sort_by_key(|conversation| std::cmp::Reverse(conversation.updated_at));
    let domain = &store.website.domain;
    (0..conventions::LIVE_VISITORS)
        .map(|index| {
            let persona = rng.u32(..) as usize;
            let place = persona % PLACES.len();
            let system = SYSTEMS[(persona / PLACES.len()) % SYSTEMS.len()];
            let (title, path) = *pick(rng, PAGES);
            let (session_id, nickname, email, initiated) = match open.get(index).filter(|_| index < 12) {
                Some(conversation) => (
                    conversation.session_id.clone(),
                    conversation.meta.get("nickname").unwrap_or("").to_owned(),
                    conversation.meta.get("email").unwrap_or("").to_owned(),
                    true,
                ),
                None => (session_id(rng), format!("visitor{}", rng.u32(10_000..99_999)), String::new(), false),
            };
            json!({
                "session_id": session_id,
                "inbox_id": null,
                "nickname": nickname,
                "email": email,
                "avatar": "",
                "useragent": system[7],
                "initiated": initiated,
                "active": index % 3 != 2,
                "last_page": { "page_title": format!("{title} — Acme Demo"), "page_url": format!("https://{domain}{path}") },
                "geolocation": geo(place),
                "timezone": PLACES[place].5,
                "capabilities": ["browsing"],
                "locales": [PLACES[place].6],
            })
        })
        .collect()
}

/// A seeded profile and its display nickname.
fn profile(
    rng: &mut fastrand::Rng,
    index: usize,
    now: u64,
    emails: &mut HashSet<String>,
) -> (Profile, String) {
    let profile_seed = rng.u64(..);
    let Persona {
        first,
        last,
        works,
        company,
        domain,
        ..
    } = persona(&mut fastrand::Rng::with_seed(profile_seed));
    let mut email = format!("{}.{}@{}", ascii(first), ascii(last), domain);
    if !emails.insert(email.clone()) {
        email = format!("{}.{}{}@{}", ascii(first), ascii(last), index, domain);
        emails.insert(email.clone());
    }
    let nickname = format!("{first} {last}");
    let company = if works { COMPANIES[company].0 } else { "" };
    let created_at = now.saturating_sub(rng.u64(DAY..730 * DAY));
    let mut profile = Profile::seeded(
        uuid(rng),
        profile_seed,
        &email,
        &nickname,
        company,
        created_at,
    );
    profile.updated_at = created_at + rng.u64(0..(now - created_at).max(1));
    profile.active_last = Some(profile.updated_at);
    profile.score = rng.u8(..=100);
    (profile, nickname)
}

#[cfg(test)]
mod tests {
    use super::{seed, Plan};

    #[test]
    fn seeding_records_no_change_and_a_write_after_it_is_recorded() {
        let plan = Plan {
            website_id: "website".into(),
            conversations: 30,
            people: 40,
            seed: 7,
            now: 1_700_000_000_000,
        };
        let mut store = seed(&plan);
        assert!(
            store.take_changes().is_empty(),
            "seeding is no change anyone listens to"
        );
        let session_id = store.conversations()[0].session_id.clone();
        let removed = store.remove_conversation(&session_id);
        assert!(removed.is_some(), "a seeded conversation can be removed");
        let events: Vec<String> = store
            .take_changes()
            .into_iter()
            .map(|change| change.event)
            .collect();
        assert_eq!(
            events,
            ["session:removed"],
            "a write after seeding is recorded"
        );
    }
}
