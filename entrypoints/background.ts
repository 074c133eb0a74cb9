export default defineBackground(() => {
  console.log('chartcode background');
});
