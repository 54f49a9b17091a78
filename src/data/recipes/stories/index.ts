export { GENRES, POINTS_OF_VIEW, PRESSURES, SETTINGS, STORY_POOLS_VERSION, type Pressure } from "./pools.js";
export { readPremises, STORIES_RECIPE, StoriesOptionsSchema, storiesRecipe, type StoriesOptions } from "./recipe.js";
