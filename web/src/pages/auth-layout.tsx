/** The frame of the pages seen before logging in: a centred card under the product's name. */
import type { ReactNode } from 'react';
import { MainLandmark, SkipLink } from '../components/app-shell.js';

export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <header className="auth-brand">
        <span className="brand__mark" aria-hidden="true">
          ◆
        </span>
        <span className="brand__name">iotassure</span>
        <span className="auth-brand__tagline">IoT security compliance, guideline by guideline</span>
      </header>
      <MainLandmark narrow>
        <div className="auth-card">{children}</div>
      </MainLandmark>
      <footer className="auth-footer">
        Assesses products against the IoTSF Compliance Framework 1.1 and the UK Code of Practice for Consumer
        IoT Security.
      </footer>
    </>
  );
}
