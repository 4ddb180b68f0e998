// A modal question with 确定 / 取消, answered with the keyboard too (Enter, Esc).
import { useEffect, useRef } from 'react';
import { zh } from '../i18n/zh';

export interface ConfirmRequest {
  title: string;
  message: string;
  onConfirm: () => void;
  /** The confirming button's words when 确定 says too little (仍要恢复). */
  confirmLabel?: string;
}

export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  const okRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (request) okRef.current?.focus();
  }, [request]);
  if (!request) return null;
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-title">
        <h2 id="confirm-title">{request.title}</h2>
        <p>{request.message}</p>
        <div className="modal-buttons">
          <button onClick={onClose}>{zh.cancel}</button>
          <button
            ref={okRef}
            className="danger"
            onClick={() => {
              onClose();
              request.onConfirm();
            }}
          >
            {request.confirmLabel ?? zh.confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
