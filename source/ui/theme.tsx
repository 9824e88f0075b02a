import React, {createContext, useContext} from 'react';
import type {TextProps} from 'ink';
import type {SegmentRole} from '../core/types.js';

/** Whether colour is on (terminal support, NO_COLOR, FORCE_COLOR, --no-color: decided by the CLI). */
export const ColourContext = createContext(true);

export function useColour(): boolean {
	return useContext(ColourContext);
}

export function ColourProvider({colour, children}: {colour: boolean; children: React.ReactNode}) {
	return <ColourContext.Provider value={colour}>{children}</ColourContext.Provider>;
}

/**
 * How each role looks. Every role that carries meaning has a cue besides colour (bold,
 * underline, strikethrough, inverse), so it survives NO_COLOR and colour-blind eyes.
 */
export function roleProps(role: SegmentRole | undefined, colour: boolean): TextProps {
	switch (role) {
		case 'title':
			return {bold: true};
		case 'dim':
			return {dimColor: true};
		case 'match':
			return colour ? {color: 'yellow', bold: true} : {bold: true, underline: true};
		case 'current-match':
			return colour ? {backgroundColor: 'yellow', color: 'black'} : {inverse: true};
		case 'deleted':
			return colour ? {color: 'red', strikethrough: true} : {strikethrough: true};
		case 'inserted':
			return colour ? {color: 'green', underline: true} : {underline: true};
		case 'layout':
			return colour ? {color: 'cyan'} : {bold: true};
		case 'marker':
			return colour ? {color: 'magenta', bold: true} : {bold: true};
		default:
			return {};
	}
}
