#!/usr/bin/env node
// The compiled CLI lives in dist/: shipped in the package (built by "prepack"); in a checkout,
// `npm run build` (or `npm start`, `npm test`) makes it.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
