import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, CallError } from '../client/client';
import { useFeedback } from '../feedback/Feedback';
import { useShortcut } from '../shell/shortcuts';

/** The bench's webcam: a live picture, and F8 (or the button) keeps a small JPEG of it. */
export function Camera({ onCapture, onClose }: { onCapture(jpeg: string): void; onClose(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const video = useRef<HTMLVideoElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let closed = false;
    const fail = (reason: string) => {
      feedback.error(new CallError({ code: 'qc.noCamera', message: reason, params: { reason } }));
      onClose();
    };
    if (!navigator.mediaDevices?.getUserMedia) fail('getUserMedia');
    else
      navigator.mediaDevices
        .getUserMedia({ video: { width: 640, height: 480 } })
        .then((s) => {
          if (closed) return s.getTracks().forEach((track) => track.stop());
          stream = s;
          video.current!.srcObject = s;
          void video.current!.play().then(() => setReady(true));
        })
        .catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
    return () => {
      closed = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
    // Opened once; closing unmounts it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const capture = () => {
    const v = video.current;
    if (!ready || !v?.videoWidth) return;
    // 320 pixels wide, JPEG at 0.7: a few tens of kB, small enough to sync with the inspection.
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = Math.round((320 * v.videoHeight) / v.videoWidth);
    canvas.getContext('2d')!.drawImage(v, 0, 0, canvas.width, canvas.height);
    onCapture(canvas.toDataURL('image/jpeg', 0.7).replace(/^data:image\/jpeg;base64,/, ''));
  };
  useShortcut({ key: 'F8' }, capture);
  return (
    <div className="qc-camera" data-testid="qc-camera">
      <video ref={video} muted playsInline width={320} />
      <button type="button" className="primary" onClick={capture} disabled={!ready} data-testid="qc-capture">
        {t('qc.capture')} <kbd>F8</kbd>
      </button>
      <button type="button" onClick={onClose}>
        {t('qc.closeCamera')}
      </button>
    </div>
  );
}

/** A photo taken in this inspection, fetched when shown. */
export function PhotoThumb({ photoId }: { photoId: string }) {
  const [jpeg, setJpeg] = useState<string | null>(null);
  useEffect(() => void call('qc.photo', { photoId }).then((p) => setJpeg(p.jpeg), () => undefined), [photoId]);
  return jpeg ? <img src={`data:image/jpeg;base64,${jpeg}`} alt="" className="qc-photo" data-testid="qc-photo" /> : null;
}
