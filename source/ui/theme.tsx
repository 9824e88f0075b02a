import React, {createContext, useContext} from 'react';
import type {TextProps} from 'ink';
import type {SegmentRole} from '../core/types.js';
import {roleLook} from '../core/styles.js';

/** Whether colour is on (terminal support, NO_COLOR, FORCE_COLOR, --no-color: decided by the CLI). */
export const ColourContext = createContext(true);

export function useColour(): boolean {
	return useContext(ColourContext);
}

export function ColourProvider({colour, children}: {colour: boolean; children: React.ReactNode}) {
	return <ColourContext.Provider value={colour}>{children}</ColourContext.Provider>;
}

/** Ink props for a role: the looks are defined once, in core/styles. */
export function roleProps(role: SegmentRole | undefined, colour: boolean): TextProps {
	return roleLook(role, colour) as TextProps;
}
