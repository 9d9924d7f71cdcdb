import { useMemo, useState, type ReactElement } from 'react';
import type { z } from 'zod';
import { errorText } from '../../state/error-text';
import {
  checkConfigDraft,
  fieldText,
  issueText,
  type ConfigField as Field,
} from '../../view/config-draft';
import { ConfigField } from './config-field';
import './forms.css';

/**
 * A settings record's text and number fields with per-field validation against the engine's
 * own schema; nothing is sent until the whole draft is valid, and the engine's refusal shows
 * under the fields. Test ids: `<idPrefix>-editor`, `-save`, `-engine-error`, one per field.
 */
export function ConfigEditor<T extends object>(props: {
  readonly idPrefix: string;
  /** The engine's current record; null until it answered. */
  readonly config: T | null;
  readonly loadError: string | null;
  /** What is loading, for the placeholder: "risk config". */
  readonly what: string;
  readonly fields: readonly Field[];
  readonly schema: z.ZodType;
  readonly save: (changes: Record<string, unknown>) => Promise<unknown>;
  readonly saveLabel: string;
  /** After the engine accepted, with the keys that changed. */
  readonly onSaved?: (changed: readonly string[]) => void;
}): ReactElement {
  const { config, fields, schema } = props;
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [engineError, setEngineError] = useState<string | null>(null);
  const check = useMemo(
    () => (config === null ? null : checkConfigDraft(config, draft, fields, schema)),
    [config, draft, fields, schema],
  );
  if (config === null || check === null) {
    return (
      <p className="empty">
        {props.loadError === null
          ? `Loading ${props.what}…`
          : `${props.what.charAt(0).toUpperCase()}${props.what.slice(1)} unavailable: ${props.loadError}`}
      </p>
    );
  }
  const dirty = Object.keys(check.changes).length > 0 || Object.keys(check.errors).length > 0;
  const valid = Object.keys(check.errors).length === 0;
  return (
    <form
      className="config-editor"
      data-testid={`${props.idPrefix}-editor`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid || !dirty) return;
        setEngineError(null);
        const changed = Object.keys(check.changes);
        props.save(check.changes).then(
          () => {
            setDraft({});
            props.onSaved?.(changed);
          },
          (err: unknown) => setEngineError(issueText(errorText(err), fields)),
        );
      }}
    >
      {fields.map((field) => (
        <ConfigField
          key={field.key}
          idPrefix={props.idPrefix}
          field={field}
          value={draft[field.key] ?? fieldText(config, field.key)}
          error={
            check.errors[field.key] === undefined
              ? null
              : issueText(check.errors[field.key] ?? '', fields)
          }
          onChange={(text) => setDraft((d) => ({ ...d, [field.key]: text }))}
        />
      ))}
      {engineError !== null && (
        <p className="tone-bad small" role="alert" data-testid={`${props.idPrefix}-engine-error`}>
          Engine refused: {engineError}
        </p>
      )}
      <div className="config-editor-actions">
        <button type="submit" data-testid={`${props.idPrefix}-save`} disabled={!valid || !dirty}>
          {props.saveLabel}
        </button>
        <button type="button" disabled={!dirty} onClick={() => setDraft({})}>
          Discard
        </button>
      </div>
    </form>
  );
}
