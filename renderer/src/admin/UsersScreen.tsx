import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../core/api/contract';
import { roles, type Role } from '../../../core/api/roles';
import { call } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useRefusal } from '../feedback/FieldProblem';

interface Draft {
  id: string | null;
  name: string;
  username: string;
  roles: Role[];
  pin: string;
}

const empty: Draft = { id: null, name: '', username: '', roles: [], pin: '' };
// A refused save is told beside the field it concerns (a taken user name, a PIN too short for a supervisor).
const fields = ['name', 'username', 'pin', 'roles'] as const;
const fieldOf = { 'user.usernameTaken': 'username', 'user.longPinNeeded': 'pin', 'user.lastAdmin': 'roles' };

export function UsersScreen() {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [users, setUsers] = useState<User[]>([]);
  const [draft, setDraft] = useState<Draft>(empty);
  const refusal = useRefusal(fields, fieldOf);

  const load = useCallback(() => void call('users.list', {}).then(setUsers).catch(feedback.error), [feedback]);
  useEffect(load, [load]);

  const attempt = async (work: () => Promise<unknown>, done: string) => {
    refusal.clear();
    try {
      await work();
      feedback.info(done);
      setDraft(empty);
      load();
    } catch (e) {
      refusal.refuse(e);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (draft.id) {
      const id = draft.id;
      // The PIN goes with the roles: one that makes someone a supervisor or admin must come with them.
      void attempt(() => call('users.update', { id, name: draft.name, roles: draft.roles, ...(draft.pin ? { pin: draft.pin } : {}) }), t('users.saved', { name: draft.name }));
    } else void attempt(() => call('users.add', { name: draft.name, username: draft.username, roles: draft.roles, pin: draft.pin }), t('users.added', { name: draft.name }));
  };

  const toggleRole = (role: Role) =>
    setDraft((d) => ({ ...d, roles: d.roles.includes(role) ? d.roles.filter((r) => r !== role) : [...d.roles, role] }));

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">{t('users.title')}</h1>
      <table className="list" data-testid="users-table">
        <thead>
          <tr>
            <th>{t('users.name')}</th>
            <th>{t('users.username')}</th>
            <th>{t('users.roles')}</th>
            <th>{t('users.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.disabled ? 'disabled' : ''}>
              <td>{u.name}</td>
              <td className="mono">{u.username}</td>
              <td>{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
              <td>{u.disabled ? t('users.disabled') : t('users.enabled')}</td>
              <td className="actions">
                <button type="button" onClick={() => setDraft({ id: u.id, name: u.name, username: u.username, roles: u.roles, pin: '' })}>
                  {t('users.edit')}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    void attempt(() => call('users.setDisabled', { id: u.id, disabled: !u.disabled }), u.disabled ? t('users.enabledNow', { name: u.name }) : t('users.disabledNow', { name: u.name }))
                  }
                >
                  {u.disabled ? t('users.enable') : t('users.disable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="card" onSubmit={save} aria-labelledby="user-form-title">
        <h2 id="user-form-title">{draft.id ? t('users.editTitle', { name: draft.name }) : t('users.addTitle')}</h2>
        <div className="grid-2">
          <label>
            {t('users.name')}
            <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} name="name" {...refusal.marks('name')} />
            {refusal.problem('name')}
          </label>
          <label>
            {t('users.username')}
            <input value={draft.username} disabled={!!draft.id} onChange={(e) => setDraft({ ...draft, username: e.target.value })} name="username" {...refusal.marks('username')} />
            {refusal.problem('username')}
          </label>
          <label>
            {draft.id ? t('users.newPin') : t('users.pin')}
            <input type="password" inputMode="numeric" value={draft.pin} onChange={(e) => setDraft({ ...draft, pin: e.target.value })} name="pin" {...refusal.marks('pin')} />
            {refusal.problem('pin')}
          </label>
        </div>
        <fieldset className="roles">
          <legend>{t('users.roles')}</legend>
          {roles.map((role) => (
            <label key={role} className="inline">
              <input type="checkbox" checked={draft.roles.includes(role)} onChange={() => toggleRole(role)} name={`role-${role}`} />
              {t(`roles.${role}`)}
            </label>
          ))}
          {refusal.problem('roles')}
        </fieldset>
        {refusal.other && (
          <p className="form-error" role="alert">
            {refusal.other}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            {draft.id ? t('users.save') : t('users.add')}
          </button>
          {draft.id && (
            <button type="button" onClick={() => setDraft(empty)}>
              {t('users.cancel')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
