import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

/**
 * Save / Discard / Stay, asked when a form with unsaved changes is about to be left (useLeaveGuard). Apart from
 * leave-guard.tsx, which every page loads early: only pages with forms load the dialog's code.
 */
export function LeaveDialog({
  open,
  tabLabel,
  busy,
  onSave,
  onDiscard,
  onStay,
}: {
  open: boolean;
  tabLabel: string;
  busy: boolean;
  onSave: () => void;
  onDiscard: () => void;
  onStay: () => void;
}) {
  return (
    <Dialog
      open={open}
      // While a save is running, Escape and outside clicks must not turn into "Stay" behind its back.
      onOpenChange={(next) => !next && !busy && onStay()}
      title="Unsaved changes"
      description={`You have unsaved changes on ${tabLabel}. Save them before you leave?`}
    >
      <div className="flex justify-end gap-2">
        <Button onClick={onStay} disabled={busy}>
          Stay
        </Button>
        <Button variant="danger" onClick={onDiscard} disabled={busy}>
          Discard
        </Button>
        <Button variant="primary" onClick={onSave} disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </Dialog>
  );
}
