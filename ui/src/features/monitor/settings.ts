import type { EventSwitches_Serialize, MonitorSettings, MonitorSettings_Serialize } from "../../ipc";

/** A monitor settings object with every field present: what the screen shows and sends back whole. */
export type FullMonitorSettings = MonitorSettings_Serialize;
/** The event kinds, by their wire names. */
export type EventKind = keyof EventSwitches_Serialize;
/** A switch of the settings screen: an event kind, or one of the connection-wide choices. */
export type SettingKey = EventKind | "enabled" | "notifications";

/** The event switches in the order the screen lists them, with what each one costs. */
export const EVENT_SWITCHES: { kind: EventKind; label: string; help: string }[] = [
  { kind: "conversation_created", label: "New conversations", help: "A conversation started on the website." },
  { kind: "visitor_message_received", label: "New visitor messages", help: "A visitor wrote in a conversation; it joins the unread list." },
  { kind: "conversation_state_changed", label: "Conversation state changes", help: "A conversation became pending, unresolved or resolved." },
  { kind: "people_profile_changed", label: "People profile changes", help: "A profile was added or changed. Costs one more request per check." },
  { kind: "visitors_count_changed", label: "Visitor count changes", help: "The number of visitors on the website changed. Costs one more request per check." },
];

/** The backend's defaults (crisp-monitor `MonitorSettings::default`), for fields an answer leaves out. */
const DEFAULTS: FullMonitorSettings = {
  enabled: true,
  events: {
    conversation_created: true,
    visitor_message_received: true,
    conversation_state_changed: true,
    people_profile_changed: false,
    visitors_count_changed: false,
  },
  notifications: true,
  do_not_disturb: false,
  focused: true,
};

/** Settings as read, every field filled: so a change sends a complete object, never a partial one. */
export function completeSettings(settings: MonitorSettings): FullMonitorSettings {
  return {
    enabled: settings.enabled ?? DEFAULTS.enabled,
    events: { ...DEFAULTS.events, ...settings.events },
    notifications: settings.notifications ?? DEFAULTS.notifications,
    do_not_disturb: settings.do_not_disturb ?? DEFAULTS.do_not_disturb,
    focused: settings.focused ?? DEFAULTS.focused,
  };
}

/** The current value of one switch. */
export function valueOf(settings: FullMonitorSettings, key: SettingKey): boolean {
  return key === "enabled" || key === "notifications" ? settings[key] : settings.events[key];
}

/** The same settings with one switch set: everything else is sent exactly as it was. */
export function withSetting(settings: FullMonitorSettings, key: SettingKey, on: boolean): FullMonitorSettings {
  if (key === "enabled" || key === "notifications") return { ...settings, [key]: on };
  return { ...settings, events: { ...settings.events, [key]: on } };
}
