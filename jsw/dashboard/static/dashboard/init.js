// Progressive enhancement only: every page works without it.
import DS from "./sgds/design-system.js";

DS.initAll();
