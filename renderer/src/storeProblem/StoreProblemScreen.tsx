import { useTranslation } from 'react-i18next';
import type { ErrorBody } from '../../../core/kernel/errors';
import { LanguageSwitch } from '../session/LanguageSwitch';

/** The command a technician types, as one piece of text to read or copy. */
function Command({ text }: { text: string }) {
  return (
    <pre>
      <code>{text}</code>
    </pre>
  );
}

/** What to do with a damaged store: the last backup back in its place, or a new start from the upstream. */
function DamagedSteps({ file, backupFolder, lastBackup }: { file: string; backupFolder: string | undefined; lastBackup: string | undefined }) {
  const { t } = useTranslation();
  const backup = lastBackup ?? t('storeProblem.backupFile');
  return (
    <ol>
      <li>{t('storeProblem.close')}</li>
      <li>
        {lastBackup ? t('storeProblem.restoreLast') : backupFolder ? t('storeProblem.restoreNewestIn', { folder: backupFolder }) : t('storeProblem.restoreNoFolder')}
        <Command text={`hq restore --db ${file} --from ${backup}`} />
      </li>
      <li>
        {t('storeProblem.salvage')}
        <Command text={`hq salvage --db ${file}`} />
      </li>
      <li>{t('storeProblem.startAgain')}</li>
    </ol>
  );
}

/** What to do when the file holds no station: move it aside and set up, or restore a backup there. */
function NotAStoreSteps({ file }: { file: string }) {
  const { t } = useTranslation();
  return (
    <ol>
      <li>{t('storeProblem.close')}</li>
      <li>
        {t('storeProblem.moveAside')}
        <Command text={`hq salvage --db ${file}`} />
      </li>
      <li>
        {t('storeProblem.orRestore')}
        <Command text={`hq restore --db ${file} --from ${t('storeProblem.backupFile')}`} />
      </li>
      <li>{t('storeProblem.startAgain')}</li>
    </ol>
  );
}

/**
 * The station's store cannot be worked on: damaged, empty, or another program's file. Every call
 * says so, and this screen replaces all others, saying what was found and what to do, in words.
 */
export function StoreProblemScreen({ problem }: { problem: ErrorBody }) {
  const { t } = useTranslation();
  const kind = problem.code.slice('store.'.length);
  const { file, found, backupFolder, lastBackup } = problem.params as Record<string, string | undefined>;
  return (
    <main className="centered">
      <div className="card store-problem">
        <header className="card-header">
          <h1>{t(`storeProblem.title.${kind}`)}</h1>
          <LanguageSwitch />
        </header>
        <p role="alert">{t(`storeProblem.found.${kind === 'foreign' ? found : kind}`, { file })}</p>
        <p>{t('storeProblem.untouched')}</p>
        <h2>{t('storeProblem.whatToDo')}</h2>
        {kind === 'damaged' ? (
          <DamagedSteps file={file ?? ''} backupFolder={backupFolder} lastBackup={lastBackup} />
        ) : (
          <NotAStoreSteps file={file ?? ''} />
        )}
        <p className="hint">{t('storeProblem.hint')}</p>
      </div>
    </main>
  );
}
