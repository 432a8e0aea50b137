import { cleanup } from '@testing-library/react';
import { afterEach, expect, vi } from 'vitest';
import { switchLanguage } from '../i18n/i18n';
import { fakeCall, fakeSubscribe, forgetAnswers, unanswered } from './fakeTransport';

// Every component test talks to the fake station of fakeTransport.ts through the real client's
// `call` and `subscribe`; nothing else of the renderer is replaced. (The fakes are looked up when
// called: fakeTransport itself imports the client, so they are not there yet when the mock is made.)
vi.mock('../client/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../client/client')>()),
  call: (...args: Parameters<typeof fakeCall>) => fakeCall(...args),
  subscribe: (...args: Parameters<typeof fakeSubscribe>) => fakeSubscribe(...args),
}));

// The physical edges jsdom has not: it plays no sound and lays nothing out, so there is nowhere to scroll.
window.HTMLMediaElement.prototype.play = () => Promise.resolve();
window.Element.prototype.scrollIntoView = () => undefined;

// jsdom stamps an event with Date.now(); a browser stamps it on performance.now()'s clock, which
// the scanner's detector compares key times with to tell a person's keys from a scanner's.
const stamped = Object.getOwnPropertyDescriptor(Event.prototype, 'timeStamp')!.get!;
Object.defineProperty(Event.prototype, 'timeStamp', {
  get(this: Event) {
    return (stamped.call(this) as number) - performance.timeOrigin;
  },
});

afterEach(() => {
  cleanup();
  switchLanguage('en');
  const left = [...unanswered];
  forgetAnswers();
  expect(left, 'requests the test did not answer').toEqual([]);
});
