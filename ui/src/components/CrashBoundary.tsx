// Last line of defence: if a screen throws while rendering, show what happened and a way out
// instead of a blank window.

import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

export class CrashBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Storeloop screen crashed', error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="blocking" role="alertdialog" aria-labelledby="crash-title" data-testid="crash">
        <div className="blocking__panel">
          <h1 id="crash-title">This screen ran into a problem</h1>
          <ul className="blocking__steps">
            <li>Your data is safe: nothing was being saved when this happened.</li>
            <li>Reload the window. If it happens again, please report the message below.</li>
          </ul>
          <pre className="message-box" data-testid="crash-message">
            {error.name}: {error.message}
          </pre>
          <div>
            <button type="button" className="btn btn--primary" onClick={() => window.location.reload()}>
              Reload
            </button>
          </div>
        </div>
      </div>
    );
  }
}
