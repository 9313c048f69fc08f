// zod compiles a fast parser (`new Function`) for an object schema the first time it parses with
// it, which pays off over thousands of parses. The supervisor parses each schema a handful of
// times (the manifest once per start), and eval'd code is not kept by the launcher's V8 code
// cache, so every start compiled parsers it used once: 8–24 ms of `berth run`'s start-up went to
// the manifest's first safeParse. zod reads the setting when a schema is created, so
// the CLI entry imports this module before any module that defines one.
import { z } from 'zod';

z.config({ jitless: true });
