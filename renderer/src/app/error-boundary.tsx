/** Catches a rendering error of one screen and shows it with a way out: never a white window. */
import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Props of ErrorBoundary: the texts come translated from the parent (a class cannot use hooks). */
export interface ErrorBoundaryProps {
  children: ReactNode;
  message: string;
  reloadLabel: string;
  /** Changing it (e.g. the route) clears the error. */
  resetKey: unknown;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: Error | null; key: unknown }> {
  override state = { error: null as Error | null, key: undefined as unknown };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: { error: Error | null; key: unknown }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('screen error', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-box" role="alert">
        <p>{this.props.message}</p>
        <pre className="error-detail">{this.state.error.message}</pre>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {this.props.reloadLabel}
        </button>
      </div>
    );
  }
}
