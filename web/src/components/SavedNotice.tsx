/** Says that a save went through (a polite status message, DKFDS success alert). */
export function SavedNotice({ show, message }: { show: boolean; message: string }) {
  if (!show) return null;
  return (
    <div className="alert alert-success" role="status">
      <div className="alert-body">
        <p className="alert-text">{message}</p>
      </div>
    </div>
  );
}
