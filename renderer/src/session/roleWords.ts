import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { roles as allRoles } from '../../../core/api/roles';

/** The roles an access list names, as people say them: "a supervisor or an admin", "msimamizi au …". */
export function useRoleWords(): (roles: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (roles: string) => {
      const listed = roles.split(',');
      const named = allRoles.filter((r) => listed.includes(r));
      return new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(named.map((r) => t(`aRole.${r}`)));
    },
    [t, i18n.language],
  );
}
