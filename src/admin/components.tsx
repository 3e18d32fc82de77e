/**
 * Small pieces shared by the console pages: the hidden CSRF field every form carries,
 * a one-button POST form, a status badge, a notice line and a timestamp.
 */
import type { Child } from 'hono/jsx';

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}

export function PostButton(props: { action: string; csrf: string; label: string; kind?: 'secondary' | 'danger'; children?: Child }) {
  return (
    <form class="inline" method="post" action={props.action}>
      <CsrfField token={props.csrf} />
      {props.children}
      <button type="submit" class={props.kind}>{props.label}</button>
    </form>
  );
}

export type Health = 'healthy' | 'degraded' | 'failing';

export function Badge({ status }: { status: Health }) {
  return <span class={`badge ${status}`} data-status={status}>{status}</span>;
}

export function Notice({ text, error }: { text: string | undefined; error?: boolean }) {
  return text ? <p class={error ? 'notice error' : 'notice'} role="status">{text}</p> : null;
}

export function Time({ at }: { at: string | number | undefined }) {
  if (at === undefined) return <span class="muted">—</span>;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <span class="muted">—</span>;
  return <time datetime={date.toISOString()}>{date.toISOString().replace('T', ' ').slice(0, 19)}</time>;
}
