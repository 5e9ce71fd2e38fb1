import { Switch } from "../../components/Switch";
import { describeError } from "../../ipc";
import { useMonitorPreferences, useSetMonitorPreferences } from "./monitorPreferences";

/**
 * The global "Do not disturb" switch in the shell: events keep arriving (lists stay live, the unread list
 * fills), no desktop notification is shown. While the change is on its way the switch shows it; if it fails,
 * the switch goes back and says why beside it.
 */
export function DoNotDisturb() {
  const preferences = useMonitorPreferences();
  const save = useSetMonitorPreferences();
  if (!preferences.data) return null;
  const checked = save.isPending ? save.variables.do_not_disturb : preferences.data.do_not_disturb;
  return (
    <Switch
      className="dnd-switch"
      label="Do not disturb"
      checked={checked}
      disabled={save.isPending}
      error={save.isError ? describeError(save.error) : null}
      onChange={(on) => save.mutate({ ...preferences.data, do_not_disturb: on })}
    />
  );
}
