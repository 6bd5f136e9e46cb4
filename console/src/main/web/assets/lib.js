// The console's only runtime libraries, vendored at build time (see console/pom.xml): Preact, its hooks, htm.
import { h, render, createContext } from './vendor/preact.module.js';
import { useState, useEffect, useRef, useCallback, useMemo, useContext } from './vendor/hooks.module.js';
import htm from './vendor/htm.module.js';

/** Tagged templates instead of JSX: no build step. Text interpolated here is always escaped by Preact. */
export const html = htm.bind(h);
export { render, createContext, useState, useEffect, useRef, useCallback, useMemo, useContext };
