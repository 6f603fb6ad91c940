import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** Shows what went wrong and how to recover instead of a blank page. Stored work is not touched. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Encounter Lab hit an error it could not handle', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="page" role="alert">
        <h1>Something went wrong</h1>
        <p>
          Encounter Lab hit an error it could not handle. Your saved scenarios and results are stored in this browser and
          are not affected. Reloading the page usually recovers; if it happens again, the details below say where.
        </p>
        <pre className="error-details">{error.name}: {error.message}</pre>
        <p>
          <button type="button" onClick={() => location.reload()}>Reload the app</button>{' '}
          <button type="button" onClick={() => this.setState({ error: null })}>Try to continue</button>
        </p>
      </main>
    );
  }
}
