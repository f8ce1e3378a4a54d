/** The package ships no types; this is the one file we use: the directory its assets are in. */
declare module "swagger-ui-dist/absolute-path.js" {
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}
