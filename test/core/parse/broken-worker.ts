// A parse worker for tests that fails while loading, before it is ready for any file.
throw new Error('this worker cannot start');
